-- rule: an UPDATE cannot assign a rowversion column (Msg 272, Cannot update a timestamp column), a compile-time error, refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect-refused: Msg 272
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
UPDATE dbo.MyTest SET RV = 0x00000000000007D3 WHERE myKey = 1;
