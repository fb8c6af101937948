-- rule: the string values TRUE and FALSE convert to bit 1 and 0; converting to bit promotes any nonzero value to 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/bit-transact-sql
-- expect: [[{"t": 1, "f": 0, "n": 1, "v": 1}]]
-- test
DECLARE @v bit = 'true';
SELECT CAST('TRUE' AS bit) AS t, CAST('false' AS bit) AS f, CAST('7' AS bit) AS n, @v AS v;
