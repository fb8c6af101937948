-- rule: OPTION (MAXRECURSION 0) removes the recursion limit
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect: [[{"m": 200}]]
-- test
WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 200)
SELECT MAX(k) AS m FROM s OPTION (MAXRECURSION 0);
