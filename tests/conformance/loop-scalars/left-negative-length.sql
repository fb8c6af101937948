-- rule: LEFT with a negative length is an error (536), not "all but the last characters"
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/left-transact-sql
-- expect-error: 536
-- test
DECLARE @w varchar(10) = 'abcd', @n int = -1, @r varchar(10);
SET @r = LEFT(@w, @n);
