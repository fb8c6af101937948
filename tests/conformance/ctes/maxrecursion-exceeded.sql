-- rule: a recursive CTE that goes past 100 levels (the default MAXRECURSION) fails with error 530
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/with-common-table-expression-transact-sql
-- expect-error: 530
-- test
WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 200)
SELECT MAX(k) AS m FROM s;
