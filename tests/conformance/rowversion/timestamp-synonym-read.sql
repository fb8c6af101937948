-- rule: timestamp is the synonym of rowversion: a timestamp column holds the same 8-byte values
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"myKey": 2, "TS": "0x00000000000007D4"}]]
-- input: dbo.MyTest2
--| myKey,myValue,TS
--| 1,0,0x00000000000007D3
--| 2,0,0x00000000000007D4
CREATE TABLE dbo.MyTest2 (myKey int PRIMARY KEY, myValue int, TS timestamp);
GO
-- test
SELECT myKey, TS FROM dbo.MyTest2 WHERE TS = 0x00000000000007D4;
