-- rule: every inserted row gets a new value of the database's counter, larger than the values already stored and unique (DEFAULT in the VALUES list takes it too)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"Rows": 3, "Distinct": 3, "Newer": 2}]]
-- input: dbo.MyTest
--| myKey,myValue,RV
--| 1,0,0x00000000000007D3
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
INSERT INTO dbo.MyTest (myKey, myValue) VALUES (2, 0);
INSERT INTO dbo.MyTest VALUES (3, 0, DEFAULT);
SELECT COUNT(*) AS Rows, COUNT(DISTINCT RV) AS Distinct, SUM(CASE WHEN RV > 0x00000000000007D3 THEN 1 ELSE 0 END) AS Newer FROM dbo.MyTest;
