-- rule: RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING starts the frame at the current row's first peer, so FIRST_VALUE gives rows tied on the ORDER BY one value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql
-- expect: [[{"Picks": 1, "Rows": 3}]]
-- input: dbo.Reading
--| Id,Day,Val
--| 1,2024-01-05,10
--| 2,2024-01-05,20
--| 3,2024-01-05,30
CREATE TABLE dbo.Reading (Id int NOT NULL PRIMARY KEY, Day date NOT NULL, Val int NOT NULL)
GO
-- test
SELECT COUNT(DISTINCT FirstVal) AS Picks, COUNT(*) AS Rows
FROM (SELECT FIRST_VALUE(Val) OVER (ORDER BY Day RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS FirstVal FROM dbo.Reading) AS w;
