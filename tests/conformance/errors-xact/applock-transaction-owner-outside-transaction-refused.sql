-- rule: with @LockOwner = 'Transaction' (the default) sp_getapplock must run inside a transaction; outside one the call fails (-999 and an error the emulator does not reproduce: refused)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-getapplock-transact-sql
-- expect-refused: sp_getapplock with @LockOwner 'Transaction' outside a transaction
-- test
DECLARE @rc int;
EXEC @rc = sp_getapplock @Resource = N'gl.PostJournal', @LockMode = 'Exclusive';
