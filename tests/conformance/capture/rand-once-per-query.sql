-- rule: RAND() without a seed is evaluated once per query: every row sees the same value, in [0, 1)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rand-transact-sql
-- expect: [[{"distinct_values": 1, "in_range": 1}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2), (3);
SELECT COUNT(DISTINCT r) AS distinct_values, MIN(CASE WHEN r >= 0 AND r < 1 THEN 1 ELSE 0 END) AS in_range FROM (SELECT RAND() AS r FROM @t) AS q;
