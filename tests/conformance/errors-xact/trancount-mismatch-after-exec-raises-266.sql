-- rule: a procedure that returns with another @@TRANCOUNT than it was called with raises 266 in its caller (catchable), after its ROLLBACK undid the caller's transaction
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/rollback-transaction-transact-sql
-- server-version: 2016
-- expect: [[{"n": 266, "msg": "Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = 1, current count = 0.", "proc": "Inner", "tc": 0, "rows": 0}]]
CREATE TABLE dbo.T (Id int NOT NULL);
GO
CREATE PROCEDURE dbo.Inner
AS
BEGIN
  BEGIN TRAN;
  INSERT INTO dbo.T (Id) VALUES (2);
  ROLLBACK TRAN;
  RETURN 1;
END
GO
-- test
BEGIN TRY
  BEGIN TRAN;
  INSERT INTO dbo.T (Id) VALUES (1);
  EXEC dbo.Inner;
  COMMIT;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS msg, ERROR_PROCEDURE() AS proc, @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM dbo.T) AS rows;
END CATCH
