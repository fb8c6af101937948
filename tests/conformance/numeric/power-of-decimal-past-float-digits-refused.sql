-- rule: POWER takes a float_expression, an expression of type float or one implicitly converted to float: a decimal's power is computed in float, whose 15 to 17 significant digits are all it has; which digits SQL Server keeps past them at a larger scale (decimal(38,30)) is not documented, so a result with more than 15 significant digits is refused rather than given DuckDB's digits
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/power-transact-sql
-- expect-refused: POWER of a decimal(38,30) value whose result has more than 15 significant digits
-- test
DECLARE @Yield decimal(38,30) = 1.0004;
SELECT POWER(@Yield, 3) AS compounded;
