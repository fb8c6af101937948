-- rule: SUBSTRING counts a character past U+FFFF as two positions under the default collations (it can even cut the surrogate pair in half), where the emulator's engine counts it once, so positions through such text are refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/substring-transact-sql
-- expect-refused: character positions in text holding characters past U+FFFF
-- test
DECLARE @s nvarchar(20) = N'a😀b';
SELECT SUBSTRING(@s, 3, 1) AS third;
