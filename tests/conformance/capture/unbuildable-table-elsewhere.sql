-- rule: a table the code does not touch plays no part in its result (SQL Server resolves names when a statement runs)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/stored-procedures/create-a-stored-procedure
-- expect: [[{"n": 2}]]
-- input: dbo.Used
--| Id
--| 1
--| 2
CREATE TABLE dbo.Used (Id int NOT NULL);
GO
CREATE TABLE dbo.Unrelated (Id int NOT NULL, Kind dbo.NoSuchAliasType NULL);
GO
-- test
SELECT COUNT(*) AS n FROM dbo.Used;
