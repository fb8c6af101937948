-- rule: DELETE through a CTE with OUTPUT deleted.<column> INTO moves the deleted rows (the batch-archive idiom)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect: [[{"Id": 1, "D": "2025-01-01"}, {"Id": 2, "D": "2025-01-02"}], [{"left": 1, "rc": 2}]]
-- input: dbo.E
--| Id,D
--| 2,2025-01-02
--| 1,2025-01-01
--| 3,2025-03-01
CREATE TABLE dbo.E (Id int NOT NULL, D date NOT NULL);
CREATE TABLE dbo.A (Id int NOT NULL, D date NOT NULL);
GO
-- test
WITH old AS (SELECT TOP (5) Id, D FROM dbo.E WHERE D < '2025-02-01' ORDER BY D)
DELETE FROM old OUTPUT deleted.Id, deleted.D INTO dbo.A (Id, D);
DECLARE @rc int = @@ROWCOUNT;
SELECT Id, D FROM dbo.A ORDER BY Id;
SELECT COUNT(*) AS [left], @rc AS rc FROM dbo.E;
