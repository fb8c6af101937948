-- rule: ROUND(x, n) with n read from a column rounds half away from zero and keeps x's type, whatever the size of x within it (a decimal(10,4) of 123.4567 to a currency's 2 decimals is 123.4600)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/round-transact-sql
-- expect: [[{"Currency": "USD", "Rounded": "123.4600", "Cut": "123.4500"}, {"Currency": "JPY", "Rounded": "-123457.0000", "Cut": "-123456.0000"}]]
-- input: dbo.Price
--| Currency,Places,Amount
--| USD,2,123.4567
--| JPY,0,-123456.5000
CREATE TABLE dbo.Price (Currency char(3) NOT NULL PRIMARY KEY, Places int NOT NULL, Amount decimal(10,4) NOT NULL);
GO
-- test
SELECT Currency, ROUND(Amount, Places) AS Rounded, ROUND(Amount, Places, 1) AS Cut FROM dbo.Price ORDER BY Places DESC;
