-- rule: the inserted and deleted tables of a trigger cannot be modified (error 286): refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/use-the-inserted-and-deleted-tables
-- expect-refused: the trigger's inserted table
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TRIGGER dbo.trg_Stock ON dbo.Stock AFTER INSERT AS UPDATE inserted SET Qty = 0;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 1);
