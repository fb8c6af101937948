-- rule: a trigger runs inside the transaction of the statement that fired it, so the caller's ROLLBACK undoes the trigger's writes with the statement's
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/dml-triggers
-- expect: [[{"Logged": 0, "Qty": 1}], [{"Logged": 1, "Qty": 3}]]
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.StockLog (Id int, Qty int);
GO
CREATE TRIGGER dbo.trg_Stock_Log ON dbo.Stock AFTER UPDATE AS
  INSERT INTO dbo.StockLog (Id, Qty) SELECT Id, Qty FROM inserted;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 1);
BEGIN TRANSACTION;
UPDATE dbo.Stock SET Qty = 2 WHERE Id = 1;
ROLLBACK TRANSACTION;
SELECT (SELECT COUNT(*) FROM dbo.StockLog) AS Logged, Qty FROM dbo.Stock;
BEGIN TRANSACTION;
UPDATE dbo.Stock SET Qty = 3 WHERE Id = 1;
COMMIT TRANSACTION;
SELECT (SELECT COUNT(*) FROM dbo.StockLog) AS Logged, Qty FROM dbo.Stock;
