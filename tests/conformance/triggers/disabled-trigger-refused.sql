-- rule: DISABLE TRIGGER stops a trigger from firing until ENABLE TRIGGER: whether the scripts leave it enabled is not known to the emulator, which refuses the write
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/disable-trigger-transact-sql
-- expect-refused: the scripts disable or enable
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TABLE dbo.Log (Id int);
GO
CREATE TRIGGER dbo.trg_Stock ON dbo.Stock AFTER INSERT AS INSERT INTO dbo.Log (Id) SELECT Id FROM inserted;
GO
DISABLE TRIGGER dbo.trg_Stock ON dbo.Stock;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 1);
