-- rule: OUTPUT in UPDATE exposes each changed row's old values as deleted and new values as inserted; INTO writes them to a table
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect: [[{"Id": 1, "OldQty": 5, "NewQty": 6}, {"Id": 3, "OldQty": 2, "NewQty": 3}]]
-- input: dbo.Stock
--| Id,Qty
--| 1,5
--| 2,
--| 3,2
CREATE TABLE dbo.Stock (Id int NOT NULL PRIMARY KEY, Qty int NULL);
GO
-- test
DECLARE @log TABLE (Id int, OldQty int, NewQty int);
UPDATE dbo.Stock SET Qty = Qty + 1 OUTPUT inserted.Id, deleted.Qty, inserted.Qty INTO @log WHERE Qty IS NOT NULL;
SELECT Id, OldQty, NewQty FROM @log ORDER BY Id;
