-- rule: PATINDEX matches as LIKE does, and LIKE over varchar ignores the value's trailing blanks; whether PATINDEX counts them (a [^0-9] class would find the padding of a char(n) column) is not documented, so the emulator refuses such a value rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/patindex-transact-sql
-- expect-refused: PATINDEX over text ending in blanks
-- test
DECLARE @code char(8) = '1234';
SELECT PATINDEX('%[^0-9]%', @code) AS first_non_digit;
