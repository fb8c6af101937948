-- rule: with ON DELETE CASCADE, deleting a parent row deletes its child rows too; the emulator does not cascade, so a run whose DELETE leaves child rows without their parent is refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/primary-and-foreign-key-constraints
-- expect-refused: ON DELETE CASCADE
-- input: dbo.Header
--| Id
--| 1
--| 2
-- input: dbo.Line
--| Id,HeaderId
--| 10,1
--| 20,2
CREATE TABLE dbo.Header (Id int NOT NULL PRIMARY KEY);
GO
CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, HeaderId int NULL REFERENCES dbo.Header (Id) ON DELETE CASCADE);
GO
-- test
DELETE FROM dbo.Header WHERE Id = 2;
SELECT COUNT(*) AS c FROM dbo.Line;
