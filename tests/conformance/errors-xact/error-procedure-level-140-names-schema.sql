-- rule: a compatibility level of 140 or more exists only from SQL Server 2017, whose ERROR_PROCEDURE() names the schema too (dbo for a procedure created in it)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-procedure-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-compatibility-level
-- compatibility-level: 150
-- expect: [[{"proc": "dbo.usp_CloseDay"}]]
CREATE PROCEDURE dbo.usp_CloseDay
AS
  THROW 50010, 'day already closed', 1;
GO
-- test
BEGIN TRY
  EXEC dbo.usp_CloseDay;
END TRY
BEGIN CATCH
  SELECT ERROR_PROCEDURE() AS proc;
END CATCH
