-- rule: a MERGE fires the triggers of its INSERT and UPDATE actions in an order SQL Server does not guarantee: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect-refused: a MERGE whose UPDATE and INSERT actions fire triggers
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.StockLog (Id int);
GO
CREATE TRIGGER dbo.trg_Stock ON dbo.Stock AFTER INSERT, UPDATE AS
  INSERT INTO dbo.StockLog (Id) SELECT Id FROM inserted;
GO
-- test
DECLARE @src TABLE (Id int, Qty int);
INSERT INTO @src (Id, Qty) VALUES (1, 6);
MERGE dbo.Stock AS t USING @src AS s ON s.Id = t.Id
WHEN MATCHED THEN UPDATE SET Qty = s.Qty
WHEN NOT MATCHED THEN INSERT (Id, Qty) VALUES (s.Id, s.Qty);
