-- rule: a recursive CTE repeats its recursive member on the previous level's rows until it returns none
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/with-common-table-expression-transact-sql
-- expect: [[{"n": 10, "total": 55}]]
-- test
WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 10)
SELECT COUNT(*) AS n, SUM(k) AS total FROM s;
