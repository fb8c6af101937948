-- rule: SUBSTRING with a negative length is error 537
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/substring-transact-sql
-- expect-error: 537
-- test
DECLARE @w varchar(10) = 'abcd', @n int = -1, @r varchar(10);
SET @r = SUBSTRING(@w, 1, @n);
