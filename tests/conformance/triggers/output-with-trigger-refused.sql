-- rule: OUTPUT without INTO is not allowed on a table with an enabled trigger (error 334); with INTO the order of its rows and the trigger's writes is not documented: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect-refused: OUTPUT in a statement that fires the trigger dbo.trg_Stock
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TABLE dbo.Log (Id int);
GO
CREATE TRIGGER dbo.trg_Stock ON dbo.Stock AFTER UPDATE AS INSERT INTO dbo.Log (Id) SELECT Id FROM inserted;
GO
-- test
DECLARE @changed TABLE (Id int);
UPDATE dbo.Stock SET Qty = 1 OUTPUT inserted.Id INTO @changed (Id);
