-- rule: TOP (n) without ORDER BY returns n rows (which ones is undefined; here only one row qualifies)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/top-transact-sql
-- expect: [[{"n": 1}], [{"x": 2}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2), (3);
SELECT COUNT(*) AS n FROM (SELECT TOP (1) x FROM @t) AS q;
SELECT TOP (1) x FROM @t WHERE x = 2;
