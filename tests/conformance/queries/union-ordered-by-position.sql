-- rule: an integer in the ORDER BY after a UNION ALL is the position of an output column (ORDER BY 1 DESC, 2); text sorts case-insensitively, so 'B' and 'b' tie and the second key decides
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-order-by-clause-transact-sql
-- expect: [[{"Kind": "B", "Days": 1}, {"Kind": "b", "Days": 2}, {"Kind": "a", "Days": 3}]]
-- test
SELECT 'b' AS Kind, 2 AS Days
UNION ALL SELECT 'a', 3
UNION ALL SELECT 'B', 1
ORDER BY 1 DESC, 2;
