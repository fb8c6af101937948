-- rule: DELETE through a CTE over one table deletes the underlying rows (the ROW_NUMBER dedupe idiom)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/with-common-table-expression-transact-sql
-- expect: [[{"Id": 1, "Name": "a"}, {"Id": 2, "Name": "b"}]]
-- input: dbo.Dup
--| Id,Name
--| 1,a
--| 1,a
--| 2,b
--| 2,b
--| 2,b
CREATE TABLE dbo.Dup (Id int NOT NULL, Name varchar(5) NOT NULL);
GO
-- test
WITH d AS (SELECT Id, ROW_NUMBER() OVER (PARTITION BY Id ORDER BY Name) AS rn FROM dbo.Dup)
DELETE FROM d WHERE rn > 1;
SELECT Id, Name FROM dbo.Dup ORDER BY Id;
