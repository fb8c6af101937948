-- rule: an INSERT cannot give a rowversion column a value (Msg 273: use a column list without it, or DEFAULT), a compile-time error, refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect-refused: Msg 273
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
INSERT INTO dbo.MyTest (myKey, myValue, RV) VALUES (1, 0, 0x00000000000007D3);
