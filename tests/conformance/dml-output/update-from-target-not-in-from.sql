-- rule: an UPDATE or DELETE whose FROM does not name the target reads the target beside the FROM's tables, by its name
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect: [[{"Id": 1, "Total": 15}, {"Id": 3, "Total": 0}], [{"deleted": 1}]]
-- input: dbo.Acc
--| Id,Total
--| 1,0
--| 2,0
--| 3,0
-- input: dbo.Pay
--| AccId,Amount
--| 1,15
--| 2,40
CREATE TABLE dbo.Acc (Id int NOT NULL PRIMARY KEY, Total int NOT NULL);
CREATE TABLE dbo.Pay (AccId int NOT NULL, Amount int NOT NULL);
GO
-- test
UPDATE dbo.Acc SET Total = p.Amount FROM dbo.Pay p WHERE p.AccId = Acc.Id;
DELETE FROM dbo.Acc FROM dbo.Pay p WHERE p.AccId = Acc.Id AND p.Amount > 20;
DECLARE @n int = @@ROWCOUNT;
SELECT Id, Total FROM dbo.Acc ORDER BY Id;
SELECT @n AS deleted;
