-- rule: POWER of decimal(p,s) is typed decimal(p,s) on the SQL Server 2012 page and decimal(38,s) on the current one; a quotient by it keeps 8 decimals under the first reading and 26 under the second, so a present value discounted by it is refused rather than computed at one of them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/power-transact-sql ; https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2012/ms174276(v=sql.110) ; https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect-refused: / with POWER of a decimal value
-- test
DECLARE @Instalment decimal(10,2) = 1000.00, @Growth decimal(5,4) = 1.0050, @Present decimal(38,20);
SET @Present = @Instalment / POWER(@Growth, 12);
SELECT @Present AS present_value;
