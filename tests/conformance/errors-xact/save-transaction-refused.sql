-- rule: SAVE TRANSACTION marks a savepoint that ROLLBACK TRANSACTION name returns to, keeping the work before it; DuckDB has no savepoints, so the emulator refuses it where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect-refused: SAVE TRANSACTION
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
BEGIN TRAN;
INSERT INTO dbo.T (Id) VALUES (1);
SAVE TRANSACTION BeforeSecond;
INSERT INTO dbo.T (Id) VALUES (2);
ROLLBACK TRANSACTION BeforeSecond;
COMMIT TRAN;
