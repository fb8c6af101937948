-- rule: WHERE CURRENT OF changes the row the cursor is on; the emulator names that row by a unique key the cursor's select list carries, so a cursor whose select list lacks the key is refused, never guessed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect-refused: does not carry a primary key or unique key
-- input: dbo.Ledger
--| Id,Amount
--| 1,10.00
CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL)
GO
-- test
DECLARE @amt decimal(9,2);
DECLARE c CURSOR LOCAL FOR SELECT Amount FROM dbo.Ledger FOR UPDATE;
OPEN c;
FETCH NEXT FROM c INTO @amt;
UPDATE dbo.Ledger SET Amount = @amt * 2 WHERE CURRENT OF c;
CLOSE c;
DEALLOCATE c;
