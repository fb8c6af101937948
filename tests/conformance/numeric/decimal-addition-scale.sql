-- rule: decimal addition: scale max(s1, s2)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"v": "3.75"}]]
-- test
SELECT CAST(1.5 AS decimal(3,1)) + CAST(2.25 AS decimal(4,2)) AS v;
