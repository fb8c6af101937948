-- rule: ROLLBACK TRANSACTION does not erase changes made to table variables: errors caught under XACT_ABORT OFF and logged into a table variable survive the ROLLBACK of the whole transaction, which undoes the table rows written before it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/rollback-transaction-transact-sql
-- expect: [[{"n": 0}], [{"Id": 2, "Err": 2627}, {"Id": 3, "Err": 515}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);
CREATE TABLE dbo.ErrLog (Id int NOT NULL, Err int NOT NULL);
GO
-- test
DECLARE @log TABLE (Id int NOT NULL, Err int NOT NULL);
BEGIN TRAN;
INSERT INTO dbo.T (Id, V) VALUES (1, 'a');
BEGIN TRY
  INSERT INTO dbo.T (Id, V) VALUES (1, 'b');
END TRY
BEGIN CATCH
  INSERT INTO @log (Id, Err) VALUES (2, ERROR_NUMBER());
END CATCH
BEGIN TRY
  INSERT INTO dbo.T (Id, V) VALUES (3, NULL);
END TRY
BEGIN CATCH
  INSERT INTO @log (Id, Err) VALUES (3, ERROR_NUMBER());
END CATCH
ROLLBACK TRAN;
INSERT INTO dbo.ErrLog (Id, Err) SELECT Id, Err FROM @log;
SELECT COUNT(*) AS n FROM dbo.T;
SELECT Id, Err FROM dbo.ErrLog ORDER BY Id;
