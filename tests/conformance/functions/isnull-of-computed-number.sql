-- rule: ISNULL returns the type of its first argument also when that argument is computed: an int product or SUM of ints converts the replacement to int (1.5 and 2.7 truncate), a decimal product of scale 2 rounds 0.125 to 0.13
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnull-transact-sql
-- expect: [[{"a": "1", "c": "0.13"}], [{"d": "2"}]]
-- input: dbo.Stock
--| Id,Qty,Amount
--| 1,,
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int NULL, Amount decimal(10,2) NULL)
GO
-- test
SELECT ISNULL(Qty * 2, 1.5) AS a, ISNULL(Amount * 2, 0.125) AS c FROM dbo.Stock;
SELECT ISNULL(SUM(Qty), 2.7) AS d FROM dbo.Stock;
