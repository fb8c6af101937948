-- rule: ALTER TABLE … ADD of a NOT NULL column without a DEFAULT fails on a table that has rows (error 4901); on an empty table it succeeds
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect-error: 4901
-- input: dbo.T
--| Id
--| 1
CREATE TABLE dbo.T (Id int)
GO
-- test
CREATE TABLE #empty (Id int);
ALTER TABLE #empty ADD Code int NOT NULL;
SELECT Id INTO #w FROM dbo.T;
ALTER TABLE #w ADD Code int NOT NULL;
