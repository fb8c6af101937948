-- rule: money arithmetic past money's range (about 922 trillion) fails with 8115 (arithmetic overflow converting expression to data type money)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect-error: 8115
-- test
DECLARE @m money = 900000000000000;
SELECT @m * 2 AS x;
