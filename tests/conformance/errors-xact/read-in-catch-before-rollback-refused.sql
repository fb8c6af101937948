-- rule: after an error inside a transaction SQL Server keeps it open for the CATCH block, whose reads still see the transaction's rows until ROLLBACK; after a conversion error (245), which the documentation does not class as ending the statement or dooming the transaction, the emulator treats the transaction as doomed, so reading a table the transaction wrote is refused there
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/try-catch-transact-sql
-- expect-refused: reading dbo.L after an error inside the transaction that wrote it
-- input: dbo.T
--| Id
--| 1
CREATE TABLE dbo.T (Id int PRIMARY KEY)
GO
CREATE TABLE dbo.L (Id int)
GO
-- test
BEGIN TRY
  BEGIN TRAN;
  INSERT dbo.L VALUES (1);
  INSERT dbo.T VALUES (CAST('x' AS int));
  COMMIT;
END TRY
BEGIN CATCH
  SELECT (SELECT COUNT(*) FROM dbo.L) AS n, @@TRANCOUNT AS tc;
  ROLLBACK;
END CATCH
