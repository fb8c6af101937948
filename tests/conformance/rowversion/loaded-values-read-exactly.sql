-- rule: rowversion values stored in a table are 8-byte binary values, read and compared as bytes (0x00000000000007D3 < 0x0000000000000800)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"myKey": 1, "RV": "0x00000000000007D3", "Older": 1}, {"myKey": 2, "RV": "0x0000000000000800", "Older": 0}]]
-- input: dbo.MyTest
--| myKey,myValue,RV
--| 1,0,0x00000000000007D3
--| 2,0,0x0000000000000800
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
SELECT myKey, RV, CASE WHEN RV < 0x0000000000000800 THEN 1 ELSE 0 END AS Older FROM dbo.MyTest ORDER BY myKey;
