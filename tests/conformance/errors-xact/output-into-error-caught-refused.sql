-- rule: an INSERT whose OUTPUT INTO fails (2628) is rolled back as a whole, its CATCH block then sees no new row; the emulator, which wrote the INSERT before its OUTPUT INTO, refuses rather than show it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect-refused: already written part of its work
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Name varchar(10));
GO
-- test
DECLARE @log TABLE (Name varchar(1));
BEGIN TRY
  INSERT INTO dbo.T (Id, Name) OUTPUT inserted.Name INTO @log (Name) VALUES (1, 'abc');
END TRY
BEGIN CATCH
  SELECT COUNT(*) AS n FROM dbo.T;
END CATCH
