-- rule: a dynamic cursor ordered by the column the loop raises may fetch the raised row again (its place is decided by its new value, not one the cursor fetched); the emulator, which reads the rows at OPEN, refuses at the next FETCH
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/declare-cursor-transact-sql
-- expect-refused: FETCH from the cursor c after the loop changed or added a row before the rows left to fetch
-- input: dbo.Account
--| Id,Balance
--| 1,10.00
--| 2,20.00
--| 3,30.00
CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance money NOT NULL)
GO
-- test
DECLARE @id int, @bal money;
DECLARE c CURSOR LOCAL FOR SELECT Id, Balance FROM dbo.Account ORDER BY Balance FOR UPDATE OF Balance;
OPEN c;
FETCH NEXT FROM c INTO @id, @bal;
WHILE @@FETCH_STATUS = 0
BEGIN
    UPDATE dbo.Account SET Balance = Balance + 5 WHERE CURRENT OF c;
    FETCH NEXT FROM c INTO @id, @bal;
END
CLOSE c;
DEALLOCATE c;
