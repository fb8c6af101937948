-- rule: a timestamp column written without a name (CREATE TABLE t (PriKey int PRIMARY KEY, timestamp)) is named timestamp and holds 8-byte versions
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"PriKey": 1, "timestamp": "0x00000000000007D3"}]]
-- input: dbo.ExampleTable
--| PriKey,timestamp
--| 1,0x00000000000007D3
CREATE TABLE dbo.ExampleTable (PriKey int PRIMARY KEY, timestamp);
GO
-- test
SELECT PriKey, [timestamp] FROM dbo.ExampleTable;
