-- rule: ALTER TABLE … ADD of a rowversion column gives every existing row a version from the database's counter, which the emulator does not know: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect-refused: ADD of the rowversion column
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int);
GO
-- test
UPDATE dbo.MyTest SET myValue = 1;
ALTER TABLE dbo.MyTest ADD RV rowversion;
