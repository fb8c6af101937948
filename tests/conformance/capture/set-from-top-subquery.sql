-- rule: SET @x = (SELECT TOP (1) …) assigns the subquery's single value; NULL when it returns no row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-local-variable-transact-sql
-- expect: [[{"a": 3, "b": null}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (3);
DECLARE @a int, @b int = 5;
SET @a = (SELECT TOP (1) x FROM @t);
SET @b = (SELECT TOP 1 x FROM @t WHERE x > 10);
SELECT @a AS a, @b AS b;
