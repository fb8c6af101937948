-- rule: with FOR UPDATE OF a column list only those columns may be changed through the cursor (SQL Server fails with 16932 otherwise): refused where met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: is not in the cursor's FOR UPDATE OF list
-- input: dbo.Ledger
--| Id,Amount,Running
--| 1,10.00,
CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL, Running decimal(9,2) NULL)
GO
-- test
DECLARE @id int;
DECLARE c CURSOR LOCAL FOR SELECT Id FROM dbo.Ledger FOR UPDATE OF Running;
OPEN c;
FETCH NEXT FROM c INTO @id;
UPDATE dbo.Ledger SET Amount = 0 WHERE CURRENT OF c;
CLOSE c;
DEALLOCATE c;
