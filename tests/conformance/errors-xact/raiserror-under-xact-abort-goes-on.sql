-- rule: RAISERROR does not honour SET XACT_ABORT ON: outside TRY inside a transaction the batch goes on, the transaction open with its work
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect: [[{"e": 50000, "tc": 1, "n": 1}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
DECLARE @e int;
SET XACT_ABORT ON;
BEGIN TRAN;
INSERT INTO dbo.T (Id) VALUES (1);
RAISERROR('warn', 16, 1);
SET @e = @@ERROR;
SELECT @e AS e, @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM dbo.T) AS n;
COMMIT;
