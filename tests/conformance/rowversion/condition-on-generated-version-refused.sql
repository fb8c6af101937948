-- rule: a value the run generated for a rowversion column comes from the database's @@DBTS; a condition deciding a branch on one is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/rowversion-transact-sql
-- expect-refused: rowversion values this run generated
-- input: dbo.MyTest
--| myKey,myValue,RV
--| 1,5,0x00000000000007D3
CREATE TABLE dbo.MyTest (myKey int PRIMARY KEY, myValue int, RV rowversion);
GO
-- test
UPDATE dbo.MyTest SET myValue = 6 WHERE myKey = 1;
IF EXISTS (SELECT 1 FROM dbo.MyTest WHERE RV = 0x00000000000007D4) PRINT 'guessed';
