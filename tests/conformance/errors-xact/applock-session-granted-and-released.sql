-- rule: sp_getapplock returns 0 when the lock is granted at once (nothing else holds it) and sp_releaseapplock returns 0 releasing a lock the session holds; a Transaction lock is held inside the transaction
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-getapplock-transact-sql ; https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-releaseapplock-transact-sql
-- expect: [[{"got": 0, "tx": 0, "txRelease": 0, "released": 0}]]
-- test
DECLARE @got int = -99, @tx int = -99, @txRelease int = -99, @released int = -99;
EXEC @got = sp_getapplock @Resource = 'etl.CustomerLoad', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;
BEGIN TRAN;
EXEC @tx = sp_getapplock 'etl.CustomerLoad.batch', 'Shared';
EXEC @txRelease = sp_releaseapplock @Resource = 'etl.CustomerLoad.batch';
COMMIT TRAN;
EXEC @released = sp_releaseapplock @Resource = 'etl.CustomerLoad', @LockOwner = 'Session';
SELECT @got AS got, @tx AS tx, @txRelease AS txRelease, @released AS released;
