-- rule: whether + cuts a result past 4,000 characters depends on its operands' types (MAX or not), which the emulator cannot tell for a function's result: refused, never given whole or cut
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/string-concatenation-transact-sql
-- expect-refused: + of text longer than 4,000 characters
-- test
DECLARE @s nvarchar(max);
SET @s = REPLICATE(N'x', 3000) + REPLICATE(N'y', 3000);
SELECT LEN(@s) AS n;
