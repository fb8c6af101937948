-- rule: functions nest up to 32 levels; exceeding the limit fails the whole calling chain with error 217
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-function-transact-sql
-- expect-error: 217
CREATE FUNCTION dbo.Down (@n int) RETURNS int AS BEGIN IF @n <= 0 RETURN 0; RETURN 1 + dbo.Down(@n - 1) END
GO
-- test
SELECT dbo.Down(40) AS depth;
