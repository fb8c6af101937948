-- rule: text stored into a money or decimal column (UPDATE … SET, INSERT … SELECT) converts as CAST does: money text may carry thousands separators and a currency sign, a decimal rounds to the column's scale
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect: [[{"Id": 1, "Amt": 1250.0, "Rate": 1.01}, {"Id": 2, "Amt": 12.35, "Rate": 2.5}]]
-- input: dbo.Raw
--| Id,Amount,Rate
--| 1,"1,250.00",1.005
--| 2,$12.35,2.50
CREATE TABLE dbo.Raw (Id int NOT NULL PRIMARY KEY, Amount varchar(20) NULL, Rate varchar(20) NULL)
GO
CREATE TABLE dbo.Clean (Id int NOT NULL PRIMARY KEY, Amt money NULL, Rate decimal(10,2) NULL)
GO
-- test
INSERT INTO dbo.Clean (Id, Rate) SELECT Id, Rate FROM dbo.Raw;
UPDATE c SET Amt = r.Amount FROM dbo.Clean c JOIN dbo.Raw r ON r.Id = c.Id;
SELECT Id, Amt, Rate FROM dbo.Clean ORDER BY Id;
