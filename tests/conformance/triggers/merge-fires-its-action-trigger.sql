-- rule: a MERGE fires the AFTER trigger of each action it specifies, with that action's rows in inserted and deleted
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"Id": 1, "OldQty": 5, "NewQty": 6}]]
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.QtyLog (Id int, OldQty int, NewQty int);
GO
CREATE TRIGGER dbo.trg_Stock_Update ON dbo.Stock AFTER UPDATE AS
  INSERT INTO dbo.QtyLog (Id, OldQty, NewQty) SELECT i.Id, d.Qty, i.Qty FROM inserted AS i JOIN deleted AS d ON d.Id = i.Id;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 5);
DECLARE @src TABLE (Id int, Qty int);
INSERT INTO @src (Id, Qty) VALUES (1, 6), (2, 9);
MERGE dbo.Stock AS t USING @src AS s ON s.Id = t.Id
WHEN MATCHED THEN UPDATE SET Qty = s.Qty
WHEN NOT MATCHED THEN INSERT (Id, Qty) VALUES (s.Id, s.Qty);
SELECT Id, OldQty, NewQty FROM dbo.QtyLog ORDER BY Id;
