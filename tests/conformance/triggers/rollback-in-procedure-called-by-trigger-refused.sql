-- rule: a ROLLBACK in a procedure a trigger calls rolls back the statement that fired the trigger, inside its transaction: refused as in the trigger itself
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/rollback-transaction-transact-sql
-- expect-refused: ROLLBACK inside the trigger dbo.trg_Stock_Check
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE PROCEDURE dbo.usp_Reject AS
BEGIN
  ROLLBACK TRANSACTION;
END
GO
CREATE TRIGGER dbo.trg_Stock_Check ON dbo.Stock AFTER INSERT AS
  IF EXISTS (SELECT 1 FROM inserted WHERE Qty < 0) EXEC dbo.usp_Reject;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, -1);
