-- rule: AVG of decimal(p,s) is decimal(38, max(s,6)), truncated; a CASE of a decimal(12,9) column and the constant 0 has scale 9 whichever way SQL Server types the 0, so its AVG has 9 decimals
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"a": "0.123456789", "s": "1.234567892"}]]
-- input: dbo.Rates
--| Id,Rate
--| 1,1.234567891
--| 2,-0.864197524
--| 3,0.000000001
CREATE TABLE dbo.Rates (Id int NOT NULL PRIMARY KEY, Rate decimal(12,9) NOT NULL)
GO
-- test
SELECT AVG(CASE WHEN Id < 3 THEN Rate ELSE 0 END) AS a, SUM(CASE WHEN Id <> 2 THEN Rate ELSE 0 END) AS s FROM dbo.Rates;
