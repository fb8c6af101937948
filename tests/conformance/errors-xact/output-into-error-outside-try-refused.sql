-- rule: an INSERT whose OUTPUT INTO fails (2628) is rolled back as a whole; outside TRY the emulator, which wrote the INSERT before its OUTPUT INTO, refuses to go on
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect-refused: already written part of its work
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Name varchar(10));
GO
-- test
DECLARE @log TABLE (Name varchar(1));
INSERT INTO dbo.T (Id, Name) OUTPUT inserted.Name INTO @log (Name) VALUES (1, 'abc');
SELECT COUNT(*) AS n FROM dbo.T;
