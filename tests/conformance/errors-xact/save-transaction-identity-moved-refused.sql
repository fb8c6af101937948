-- rule: a ROLLBACK to a savepoint undoes the rows written since it, but whether it undoes a TRUNCATE's reset of an identity counter is not documented (identity values are not transactional): the emulator refuses that ROLLBACK where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect-refused: ROLLBACK TRANSACTION to the savepoint Reload
CREATE TABLE dbo.T (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.T (V) VALUES ('a');
BEGIN TRAN;
SAVE TRANSACTION Reload;
TRUNCATE TABLE dbo.T;
ROLLBACK TRANSACTION Reload;
COMMIT;
