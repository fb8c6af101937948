-- rule: an UPDATE changes the row's rowversion even when it sets a column to the value it holds
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"Moved": 1}]]
-- input: dbo.MyTest
--| myKey,myValue,RV
--| 1,5,0x00000000000007D3
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
UPDATE dbo.MyTest SET myValue = 5 WHERE myKey = 1;
SELECT COUNT(*) AS Moved FROM dbo.MyTest WHERE RV > 0x00000000000007D3;
