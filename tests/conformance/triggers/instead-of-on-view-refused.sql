-- rule: an INSTEAD OF trigger on a view runs in place of the INSERT into the view: not run by the emulator, which refuses the write
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-trigger-transact-sql
-- expect-refused: INSERT of the view dbo.vStock, which fires its INSTEAD OF trigger dbo.trg_vStock
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE VIEW dbo.vStock AS SELECT Id, Qty FROM dbo.Stock;
GO
CREATE TRIGGER dbo.trg_vStock ON dbo.vStock INSTEAD OF INSERT AS
  INSERT INTO dbo.Stock (Id, Qty) SELECT Id, Qty FROM inserted;
GO
-- test
INSERT INTO dbo.vStock (Id, Qty) VALUES (1, 1);
