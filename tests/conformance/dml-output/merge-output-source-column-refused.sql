-- rule: MERGE … OUTPUT inserted.Id, src.SourceKey INTO @map maps source keys to new identity values; SQL Server numbers a MERGE's identity values in its plan's order, and the emulator refuses it with what to write instead
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect-refused: a source column in the OUTPUT of a MERGE
CREATE TABLE dbo.Customer (Id int IDENTITY(1,1) PRIMARY KEY, Name varchar(10));
GO
-- test
DECLARE @map TABLE (NewId int, SourceKey int);
DECLARE @src TABLE (SourceKey int, Name varchar(10));
INSERT INTO @src (SourceKey, Name) VALUES (10, 'a'), (20, 'b');
MERGE dbo.Customer AS t
USING @src AS s ON 1 = 0
WHEN NOT MATCHED THEN INSERT (Name) VALUES (s.Name)
OUTPUT inserted.Id, s.SourceKey INTO @map (NewId, SourceKey);
SELECT COUNT(*) AS n FROM @map;
