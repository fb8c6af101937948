-- rule: SAVE TRANSACTION only marks a savepoint: when no ROLLBACK returns to it, the transaction's work commits as without it and @@TRANCOUNT is unchanged
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect: [[{"n": 2, "tc": 1}], [{"n": 2, "tc": 0}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
DECLARE @sp varchar(32) = 'PerRow';
BEGIN TRAN;
INSERT INTO dbo.T (Id) VALUES (1);
SAVE TRANSACTION BeforeSecond;
INSERT INTO dbo.T (Id) VALUES (2);
SAVE TRAN @sp;
SELECT (SELECT COUNT(*) FROM dbo.T) AS n, @@TRANCOUNT AS tc;
COMMIT TRAN;
SELECT (SELECT COUNT(*) FROM dbo.T) AS n, @@TRANCOUNT AS tc;
