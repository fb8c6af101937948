-- rule: converting a decimal to int truncates
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"a": 10, "b": -10}]]
-- test
DECLARE @a int = 10.9, @b int;
SET @b = -10.9;
SELECT @a AS a, @b AS b;
