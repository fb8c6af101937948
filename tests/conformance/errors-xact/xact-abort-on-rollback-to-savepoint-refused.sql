-- rule: under SET XACT_ABORT ON a caught error dooms the transaction, and a doomed transaction cannot be rolled back to a savepoint (SQL Server raises 3931); the emulator has already rolled it back and refuses the ROLLBACK to the savepoint
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- expect-refused: ROLLBACK TRANSACTION to the savepoint RowSave
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
SET XACT_ABORT ON;
BEGIN TRAN;
INSERT INTO dbo.T (Id) VALUES (1);
SAVE TRANSACTION RowSave;
BEGIN TRY
  INSERT INTO dbo.T (Id) VALUES (1);
END TRY
BEGIN CATCH
  ROLLBACK TRANSACTION RowSave;
END CATCH
COMMIT TRAN;
