-- rule: AVG of a decimal(p, s) is decimal(38, max(s, 6)), the quotient truncated: AVG of decimal(38,20) values 1.5 and 2.5 is 2.00000000000000000000, of decimal(19,4) values past a hundred billion exact
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql
-- expect: [[{"Avg Rate": "2.00000000000000000000", "Avg Cost": "150000000000.500000"}]]
-- input: dbo.Rate
--| Id,Rate,Cost
--| 1,1.50000000000000000000,100000000000.0000
--| 2,2.50000000000000000000,200000000001.0000
CREATE TABLE dbo.Rate (Id int NOT NULL PRIMARY KEY, Rate decimal(38,20) NOT NULL, Cost decimal(19,4) NOT NULL);
GO
-- test
SELECT AVG(Rate) AS [Avg Rate], AVG(Cost) AS [Avg Cost] FROM dbo.Rate;
