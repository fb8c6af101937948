-- rule: PERCENTILE_CONT at another percentile than the median interpolates in float (RN = 1 + P × (N - 1)) in a way whose binary rounding SQL Server does not document: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/percentile-cont-transact-sql
-- expect-refused: PERCENTILE_CONT(0.9)
-- test
DECLARE @s TABLE (x float);
INSERT INTO @s VALUES (1), (2), (4);
SELECT DISTINCT PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY x) OVER () AS p FROM @s;
