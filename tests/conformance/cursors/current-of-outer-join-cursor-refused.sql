-- rule: a cursor over an outer join may fetch a row with no account behind it; the emulator refuses WHERE CURRENT OF through it rather than guess which row is meant
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/declare-cursor-transact-sql
-- expect-refused: UPDATE … WHERE CURRENT OF c: the emulator updates through a cursor over one table or an inner join of tables only
-- input: dbo.Product
--| Code,Rate
--| SAV,10.00
-- input: dbo.Account
--| Id,Code,Balance
--| 1,SAV,100.00
CREATE TABLE dbo.Product (Code varchar(10) NOT NULL PRIMARY KEY, Rate decimal(5,2) NOT NULL)
GO
CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL, Balance money NOT NULL)
GO
-- test
DECLARE @id int, @rate decimal(5,2);
DECLARE c CURSOR LOCAL FOR
    SELECT a.Id, p.Rate FROM dbo.Product p LEFT JOIN dbo.Account a ON a.Code = p.Code
    FOR UPDATE OF Balance;
OPEN c;
FETCH NEXT FROM c INTO @id, @rate;
UPDATE dbo.Account SET Balance = Balance + 1 WHERE CURRENT OF c;
CLOSE c;
DEALLOCATE c;
