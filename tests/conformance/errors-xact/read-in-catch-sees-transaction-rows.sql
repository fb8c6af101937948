-- rule: after a duplicate key (2627) inside a transaction under XACT_ABORT OFF, SQL Server keeps the transaction open and committable for the CATCH block, whose reads still see the rows the transaction wrote before the error; the ROLLBACK in CATCH then undoes them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/try-catch-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- expect: [[{"n": 1, "xs": 1, "tc": 1}], [{"n": 0, "tc": 0}]]
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
  INSERT dbo.T VALUES (1);
  COMMIT;
END TRY
BEGIN CATCH
  SELECT (SELECT COUNT(*) FROM dbo.L) AS n, XACT_STATE() AS xs, @@TRANCOUNT AS tc;
  ROLLBACK;
END CATCH
SELECT COUNT(*) AS n, @@TRANCOUNT AS tc FROM dbo.L;
