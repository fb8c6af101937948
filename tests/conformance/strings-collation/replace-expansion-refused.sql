-- rule: REPLACE finds the string to replace by the collation's comparison, which over Unicode text equates œ with oe and ß with ss; the emulator refuses REPLACE over such text rather than replace by code points
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/replace-transact-sql
-- expect-refused: REPLACE over text holding characters SQL Server's collation may equate with other spellings
-- test
DECLARE @s nvarchar(20) = N'Chloe';
SELECT REPLACE(@s, N'œ', N'o') AS r;
