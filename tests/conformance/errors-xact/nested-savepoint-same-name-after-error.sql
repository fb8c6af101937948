-- rule: SAVE TRANSACTION may repeat a name; ROLLBACK TRANSACTION to that name goes to the most recent one, after a statement-level error under XACT_ABORT OFF too: the duplicate key ends only its INSERT, the rollback undoes only what followed the second SAVE, @@TRANCOUNT stays 1, and COMMIT keeps the rest
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/rollback-transaction-transact-sql
-- expect: [[{"err": 2627, "tc": 1}], [{"Id": 1, "V": "a"}, {"Id": 2, "V": "b"}, {"Id": 9, "V": "z"}], [{"tc": 0}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);
GO
-- test
BEGIN TRAN;
INSERT INTO dbo.T (Id, V) VALUES (1, 'a');
SAVE TRAN S;
INSERT INTO dbo.T (Id, V) VALUES (2, 'b');
SAVE TRAN S;
BEGIN TRY
  UPDATE dbo.T SET V = 'bb' WHERE Id = 2;
  INSERT INTO dbo.T (Id, V) VALUES (3, 'c');
  INSERT INTO dbo.T (Id, V) VALUES (1, 'dup');
END TRY
BEGIN CATCH
  ROLLBACK TRAN S;
  SELECT ERROR_NUMBER() AS err, @@TRANCOUNT AS tc;
END CATCH
INSERT INTO dbo.T (Id, V) VALUES (9, 'z');
COMMIT TRAN;
SELECT Id, V FROM dbo.T ORDER BY Id;
SELECT @@TRANCOUNT AS tc;
