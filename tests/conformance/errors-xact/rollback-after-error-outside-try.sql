-- rule: outside TRY a key violation inside a transaction ends the statement; IF @@ERROR <> 0 ROLLBACK TRAN undoes the transaction's earlier INSERT and @@TRANCOUNT is 0
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/rollback-transaction-transact-sql
-- expect: [[{"n": 0, "tc": 0}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
BEGIN TRAN;
INSERT INTO dbo.T (Id) VALUES (1);
INSERT INTO dbo.T (Id) VALUES (1);
IF @@ERROR <> 0
BEGIN
  ROLLBACK TRAN;
  SELECT (SELECT COUNT(*) FROM dbo.T) AS n, @@TRANCOUNT AS tc;
  RETURN -1;
END
COMMIT TRAN;
