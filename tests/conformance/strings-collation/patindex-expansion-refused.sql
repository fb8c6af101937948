-- rule: PATINDEX matches as LIKE does, by the collation, which over Unicode text equates ß with ss: PATINDEX('%ss%', N'Straße') finds the ß in SQL Server where code points find nothing; the emulator refuses such a search
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/patindex-transact-sql
-- expect-refused: PATINDEX where SQL Server's collation may match an expanding letter with its spelled-out form
-- test
DECLARE @s nvarchar(20) = N'Straße';
SELECT PATINDEX('%ss%', @s) AS pos;
