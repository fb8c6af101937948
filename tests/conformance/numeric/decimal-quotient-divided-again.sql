-- rule: a decimal quotient has its own precision p1 - s1 + s2 + scale, which the next division's scale depends on: 1.0 / 360 is decimal(7,6) (0.002777), divided by 7 decimal(9,8) (0.00039671); @d / 3 of a decimal(5,2) is decimal(9,6), divided by 7 decimal(11,8)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"v": "0.00039671", "w": "0.07142857"}]]
-- test
DECLARE @d decimal(5,2) = 1.50;
SELECT 1.0 / 360 / 7 AS v, @d / 3 / 7 AS w;
