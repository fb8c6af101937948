-- rule: sp_getapplock takes an application lock held by the session; the emulator does not run system procedures other than sp_sequence_get_range and names the one it met
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-getapplock-transact-sql
-- expect-refused: the system procedure sys.sp_getapplock
-- test
DECLARE @rc int;
EXEC @rc = sys.sp_getapplock @Resource = N'PriceBuild', @LockMode = 'Exclusive', @LockOwner = 'Session';
