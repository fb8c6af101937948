-- rule: savepoint names are case-sensitive even when the instance is not, so ROLLBACK TRANSACTION spelled in another case does not name the savepoint; the emulator refuses it rather than roll back the whole transaction
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect-refused: spelled oneissue here
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
BEGIN TRAN;
SAVE TRANSACTION OneIssue;
INSERT INTO dbo.T (Id) VALUES (1);
ROLLBACK TRANSACTION oneissue;
COMMIT;
