-- rule: CHARINDEX compares by the input's collation, which over Unicode text equates ß with ss; the emulator refuses CHARINDEX over such text rather than search by code points
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/charindex-transact-sql
-- expect-refused: CHARINDEX over text holding characters SQL Server's collation may equate with other spellings
-- test
DECLARE @s nvarchar(20) = N'Gartenstraße 7';
SELECT CHARINDEX(N'ss', @s) AS pos;
