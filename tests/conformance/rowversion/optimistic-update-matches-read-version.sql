-- rule: a rowversion column read from the table compares as bytes: the optimistic-concurrency UPDATE … WHERE RV = @ver changes the row whose version still matches, none whose version moved on
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect: [[{"Updated": 1, "Stale": 0, "myValue": 2}]]
-- input: dbo.MyTest
--| myKey,myValue,RV
--| 1,0,0x00000000000007D3
--| 2,0,0x00000000000007D4
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
DECLARE @ver binary(8), @updated int, @stale int;
SELECT @ver = RV FROM dbo.MyTest WHERE myKey = 1;
UPDATE dbo.MyTest SET myValue = 2 WHERE myKey = 1 AND RV = @ver;
SET @updated = @@ROWCOUNT;
-- the first UPDATE gave the row a new version: the same @ver no longer matches
UPDATE dbo.MyTest SET myValue = 3 WHERE myKey = 1 AND RV = @ver;
SET @stale = @@ROWCOUNT;
SELECT @updated AS Updated, @stale AS Stale, myValue FROM dbo.MyTest WHERE myKey = 1;
