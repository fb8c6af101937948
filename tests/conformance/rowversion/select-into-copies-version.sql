-- rule: SELECT … INTO copies a rowversion column's values (the page's note: duplicate rowversion values), and the copy is a rowversion column: a later INSERT into it generates a new value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"myKey": 1, "RV": "0x00000000000007D3"}], [{"Rows": 2, "Newer": 1}]]
-- input: dbo.MyTest
--| myKey,myValue,RV
--| 1,5,0x00000000000007D3
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
SELECT myKey, myValue, RV INTO #copy FROM dbo.MyTest;
SELECT myKey, RV FROM #copy;
INSERT INTO #copy (myKey, myValue) VALUES (2, 0);
SELECT COUNT(*) AS Rows, SUM(CASE WHEN RV > 0x00000000000007D3 THEN 1 ELSE 0 END) AS Newer FROM #copy;
