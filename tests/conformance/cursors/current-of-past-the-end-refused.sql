-- rule: once FETCH has gone past the last row the cursor is on no row and WHERE CURRENT OF fails (16930): refused, never applied to the last row fetched
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/fetch-transact-sql
-- expect-refused: where the cursor is on no row
-- input: dbo.Ledger
--| Id,Amount
--| 1,10.00
CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL)
GO
-- test
DECLARE @id int;
DECLARE c CURSOR LOCAL FOR SELECT Id FROM dbo.Ledger;
OPEN c;
FETCH NEXT FROM c INTO @id;
FETCH NEXT FROM c INTO @id;
UPDATE dbo.Ledger SET Amount = 0 WHERE CURRENT OF c;
CLOSE c;
DEALLOCATE c;
