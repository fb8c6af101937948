-- rule: ERROR_PROCEDURE() gives schema_name.stored_procedure_name from SQL Server 2017 and the bare name on 2016: without the release (and at a level below 140) the value is refused where it is read
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-procedure-transact-sql
-- compatibility-level: 130
-- expect-refused: ERROR_PROCEDURE() of an error in usp_PostLedger depends on the server version
CREATE TABLE dbo.Ledger (Amount decimal(9,2) NOT NULL);
GO
CREATE PROCEDURE dbo.usp_PostLedger @Amount decimal(9,2)
AS
  INSERT INTO dbo.Ledger (Amount) VALUES (@Amount);
GO
-- test
DECLARE @failedIn nvarchar(128);
BEGIN TRY
  EXEC dbo.usp_PostLedger @Amount = NULL;
END TRY
BEGIN CATCH
  SET @failedIn = ERROR_PROCEDURE();
END CATCH
SELECT @failedIn AS proc;
