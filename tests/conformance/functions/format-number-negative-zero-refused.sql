-- rule: FORMAT of a negative number that rounds to zero: whether the minus sign stays ('-0.00') differs between .NET versions, so the emulator refuses it where it is met
-- source: https://learn.microsoft.com/en-us/dotnet/standard/base-types/standard-numeric-format-strings
-- expect-refused: FORMAT of a negative value that rounds to zero
-- test
SELECT FORMAT(-0.001, 'N2') AS a;
