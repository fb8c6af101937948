-- rule: from SQL Server 2017, ERROR_PROCEDURE() in a CATCH block gives the failing procedure's name with its schema (schema_name.stored_procedure_name)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-procedure-transact-sql
-- server-version: 2019
-- expect: [[{"n": 8134, "proc": "Billing.usp_SplitInvoice"}]]
CREATE SCHEMA Billing;
GO
CREATE PROCEDURE Billing.usp_SplitInvoice @Parts int
AS
BEGIN
  DECLARE @share money = 100.00 / @Parts;
END
GO
-- test
BEGIN TRY
  EXEC Billing.usp_SplitInvoice @Parts = 0;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_PROCEDURE() AS proc;
END CATCH
