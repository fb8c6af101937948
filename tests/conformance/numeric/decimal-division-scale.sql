-- rule: decimal division: scale max(6, s1 + p2 + 1), result truncated
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"v": "0.333333"}]]
-- test
SELECT CAST(1 AS decimal(5,0)) / CAST(3 AS decimal(1,0)) AS v;
