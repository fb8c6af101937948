-- rule: aggregates ignore NULLs; COUNT(*) counts every row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/count-transact-sql
-- expect: [[{"all_rows": 3, "non_null": 2, "total": 5}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (2), (NULL), (3);
SELECT COUNT(*) AS all_rows, COUNT(x) AS non_null, SUM(x) AS total FROM @t;
