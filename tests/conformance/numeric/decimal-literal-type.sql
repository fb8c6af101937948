-- rule: a decimal literal has the precision and scale of its digits
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/constants-transact-sql
-- expect: [[{"v": "0.500000"}]]
-- test
SELECT 1.00 / 2 AS v;
