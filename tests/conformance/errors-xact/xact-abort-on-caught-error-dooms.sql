-- rule: under SET XACT_ABORT ON a statement-level error (2627) caught by TRY dooms the transaction: in CATCH XACT_STATE() is -1 with @@TRANCOUNT 1, only ROLLBACK is possible, and it undoes the row written before the error
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect: [[{"xs": -1, "tc": 1}], [{"n": 0, "tc": 0}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
SET XACT_ABORT ON;
BEGIN TRY
  BEGIN TRAN;
  INSERT INTO dbo.T (Id) VALUES (1);
  SAVE TRAN S;
  INSERT INTO dbo.T (Id) VALUES (1);
  COMMIT TRAN;
END TRY
BEGIN CATCH
  SELECT XACT_STATE() AS xs, @@TRANCOUNT AS tc;
  IF XACT_STATE() = -1 ROLLBACK TRAN;
END CATCH
SELECT COUNT(*) AS n, @@TRANCOUNT AS tc FROM dbo.T;
