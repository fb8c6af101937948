-- rule: a lock owned by the transaction is released when the transaction commits, so releasing it after the COMMIT fails (-999, an error the emulator does not reproduce: refused)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-releaseapplock-transact-sql
-- expect-refused: sp_releaseapplock of 'stock.Rebuild' (Transaction), which this run does not hold
-- test
DECLARE @rc int;
BEGIN TRANSACTION;
EXEC @rc = sp_getapplock @Resource = 'stock.Rebuild', @LockMode = 'Exclusive';
COMMIT TRANSACTION;
BEGIN TRANSACTION;
EXEC @rc = sp_releaseapplock @Resource = 'stock.Rebuild';
COMMIT TRANSACTION;
