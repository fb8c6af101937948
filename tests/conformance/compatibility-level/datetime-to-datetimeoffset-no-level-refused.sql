-- rule: without the database's compatibility level a datetime ending in .xx7 converted to datetimeoffset(7) has two answers (.xx66667 from 130, .xx70000 below)
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- expect-refused: converting to datetimeoffset(7) of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level
-- test
DECLARE @d datetime = '2021-11-09 13:52:29.187';
SELECT CAST(@d AS datetimeoffset) AS o;
