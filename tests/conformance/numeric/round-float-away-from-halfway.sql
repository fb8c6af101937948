-- rule: ROUND of a float away from a halfway point rounds to the nearest; exactly halfway (a value a double holds exactly, 0.125, -2.5) away from zero; a real stays a real
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/round-transact-sql
-- expect: [[{"a": 12345.68, "b": 0.13, "c": -3, "d": 750, "t": 12345.67}]]
-- test
DECLARE @a float = 12345.6789, @b float = 0.125, @c float = -2.5, @d float = 748.58;
SELECT ROUND(@a, 2) AS a, ROUND(@b, 2) AS b, ROUND(@c, 0) AS c, ROUND(@d, -1) AS d, ROUND(@a, 2, 1) AS t;
