-- rule: an error inside a trigger (XACT_ABORT is ON in triggers) rolls back the statement that fired it and its transaction: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect-refused: raised inside the trigger dbo.trg_Stock_Check
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TRIGGER dbo.trg_Stock_Check ON dbo.Stock AFTER UPDATE AS
  SELECT 1 / (SELECT MIN(Qty) FROM inserted) AS x;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 0);
BEGIN TRY
  UPDATE dbo.Stock SET Qty = 0;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
END CATCH
