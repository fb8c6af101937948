-- rule: a MERGE's DELETE action fires the table's AFTER DELETE trigger once, with the rows it removed in deleted
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"Id": 2, "Qty": 20}, {"Id": 3, "Qty": 30}], [{"Id": 1, "Qty": 11}]]
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.Removed (Id int, Qty int);
GO
CREATE TRIGGER dbo.trg_Stock_Removed ON dbo.Stock AFTER DELETE AS
  INSERT INTO dbo.Removed (Id, Qty) SELECT Id, Qty FROM deleted;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 10), (2, 20), (3, 30);
DECLARE @src TABLE (Id int, Qty int);
INSERT INTO @src (Id, Qty) VALUES (1, 11);
MERGE dbo.Stock AS t USING @src AS s ON s.Id = t.Id
WHEN MATCHED THEN UPDATE SET Qty = s.Qty
WHEN NOT MATCHED BY SOURCE THEN DELETE;
SELECT Id, Qty FROM dbo.Removed ORDER BY Id;
SELECT Id, Qty FROM dbo.Stock ORDER BY Id;
