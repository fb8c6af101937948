-- rule: ROLLBACK TRANSACTION in a trigger undoes the statement that fired it and ends the batch (error 3609): refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/use-the-inserted-and-deleted-tables
-- expect-refused: ROLLBACK inside the trigger dbo.trg_Stock_NoNegative
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TRIGGER dbo.trg_Stock_NoNegative ON dbo.Stock AFTER INSERT AS
BEGIN
  IF EXISTS (SELECT 1 FROM inserted WHERE Qty < 0)
  BEGIN
    ROLLBACK TRANSACTION;
    RETURN;
  END
END
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 4);
INSERT INTO dbo.Stock (Id, Qty) VALUES (2, -1);
