-- rule: outside TRY a key violation inside a transaction ends only the statement and COMMIT keeps the work before it (the SET XACT_ABORT page's first example); the emulator rolled it back at the error, so the COMMIT is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect-refused: COMMIT after error 2627
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
BEGIN TRAN;
INSERT INTO dbo.T (Id) VALUES (1);
INSERT INTO dbo.T (Id) VALUES (1);
COMMIT TRAN;
