-- rule: a window's default frame under ORDER BY is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, which holds the current row's peers: rows tied on the ORDER BY have one frame, so LAST_VALUE gives them one value (whichever peer SQL Server reads last)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql
-- expect: [[{"Grp": "A", "Picks": 1, "Rows": 2}, {"Grp": "B", "Picks": 1, "Rows": 1}]]
-- input: dbo.Reading
--| Id,Grp,Day,Val
--| 1,A,2024-01-05,10
--| 2,A,2024-01-05,20
--| 3,B,2024-01-06,30
CREATE TABLE dbo.Reading (Id int NOT NULL PRIMARY KEY, Grp varchar(5) NOT NULL, Day date NOT NULL, Val int NOT NULL)
GO
-- test
SELECT Grp, COUNT(DISTINCT LastVal) AS Picks, COUNT(*) AS Rows
FROM (SELECT Grp, LAST_VALUE(Val) OVER (PARTITION BY Grp ORDER BY Day) AS LastVal FROM dbo.Reading) AS w
GROUP BY Grp
ORDER BY Grp;
