-- rule: a scalar function may call itself recursively within the nesting limit
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-function-transact-sql
-- expect: [[{"f": 3628800}]]
CREATE FUNCTION dbo.Fact (@n int) RETURNS bigint AS BEGIN IF @n <= 1 RETURN 1; RETURN @n * dbo.Fact(@n - 1) END
GO
-- test
SELECT dbo.Fact(10) AS f;
