-- rule: an integer expression (not a constant) divided by a decimal divides a decimal(10,0) (int's precision): (30 - @dim + 1) / 360.0 has scale max(6, 0 + 4 + 1) = 6 and is truncated there; bigint is decimal(19,0)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"v": "0.005555", "w": "0.003333", "b": "0.666666"}]]
-- test
DECLARE @dim int = 29, @n int = 1, @big bigint = 2;
SELECT (30 - @dim + 1) / 360.0 AS v, (@n * 2 - 1) / 300.0 AS w, (@big + 0) / 3.0 AS b;
