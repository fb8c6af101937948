-- rule: decimal multiplication: scale s1 + s2
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"v": "1.5000"}]]
-- test
SELECT CAST(1.50 AS decimal(5,2)) * CAST(1.00 AS decimal(5,2)) AS v;
