-- rule: an integer expression built with % or a bitwise operator is an int, so a decimal divided by it (or holding it) has the documented precision and scale: decimal(12,5) * int is decimal(23,5), divided by the constant 60 (decimal(2,0)) scale max(6, 5 + 2 + 1) = 8; decimal(5,1) / int scale max(6, 1 + 10 + 1) = 12
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"ot": "93.75000000", "share": "2.500000000000"}]]
-- test
DECLARE @hhmm int = 230, @flags tinyint = 13;
SELECT CAST(25 AS decimal(9,4)) * 1.5 * (@hhmm / 100 * 60 + @hhmm % 100) / 60 AS ot,
       CAST(10 AS decimal(5,1)) / (@flags & 6) AS share;
