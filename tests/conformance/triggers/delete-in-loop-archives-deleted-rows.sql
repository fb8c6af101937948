-- rule: an AFTER DELETE trigger sees the removed rows in deleted, for each DELETE statement (here one per loop pass)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/create-nested-triggers
-- expect: [[{"Id": 1, "Qty": 10, "Pass": 1}, {"Id": 2, "Qty": 20, "Pass": 2}], [{"Left": 1}]]
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.StockArchive (Id int, Qty int, Pass int);
GO
CREATE TABLE dbo.Pass (N int);
GO
CREATE TRIGGER dbo.trg_Stock_Archive ON dbo.Stock AFTER DELETE AS
  INSERT INTO dbo.StockArchive (Id, Qty, Pass) SELECT d.Id, d.Qty, p.N FROM deleted AS d CROSS JOIN dbo.Pass AS p;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 10), (2, 20), (3, 30);
INSERT INTO dbo.Pass (N) VALUES (0);
DECLARE @i int = 1;
WHILE @i <= 2
BEGIN
  UPDATE dbo.Pass SET N = @i;
  DELETE FROM dbo.Stock WHERE Id = @i;
  SET @i = @i + 1;
END
SELECT Id, Qty, Pass FROM dbo.StockArchive ORDER BY Id;
SELECT COUNT(*) AS [Left] FROM dbo.Stock;
