-- rule: SET @total = @total + column over several rows accumulates in the order SQL Server's plan updates them (undocumented "quirky update"), so it is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect-refused: SET @total = … in an UPDATE of several rows giving a running value
-- input: dbo.Ledger
--| Id,Amount,RunningTotal
--| 1,10.00,
--| 2,5.00,
CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY, Amount money NOT NULL, RunningTotal money NULL)
GO
-- test
DECLARE @total money = 0;
UPDATE dbo.Ledger SET @total = RunningTotal = @total + Amount;
SELECT @total AS total;
