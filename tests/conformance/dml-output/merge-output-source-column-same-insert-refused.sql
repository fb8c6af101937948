-- rule: MERGE … OUTPUT inserted.Id, s.SourceKey (the key-mapping idiom): when two source rows insert the same values, which new Id goes with which SourceKey is SQL Server's plan's choice, so the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect-refused: a source column in the OUTPUT of a MERGE whose INSERT makes the same row from source rows that differ in that column
CREATE TABLE dbo.Customer (Id int IDENTITY(1,1) PRIMARY KEY, Name varchar(10));
GO
-- test
DECLARE @map TABLE (NewId int, SourceKey int);
DECLARE @src TABLE (SourceKey int, Name varchar(10));
INSERT INTO @src (SourceKey, Name) VALUES (10, 'same'), (20, 'same');
MERGE dbo.Customer AS t
USING @src AS s ON 1 = 0
WHEN NOT MATCHED THEN INSERT (Name) VALUES (s.Name)
OUTPUT inserted.Id, s.SourceKey INTO @map (NewId, SourceKey);
SELECT COUNT(*) AS n FROM @map;
