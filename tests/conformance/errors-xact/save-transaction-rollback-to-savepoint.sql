-- rule: ROLLBACK TRANSACTION savepoint_name undoes the work after the savepoint and keeps the work before it; the transaction stays open (@@TRANCOUNT unchanged) and COMMIT keeps what is left
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect: [[{"n": 1, "tc": 1}], [{"Id": 1, "Qty": 10}, {"Id": 3, "Qty": 30}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL);
GO
-- test
BEGIN TRAN;
INSERT INTO dbo.T (Id, Qty) VALUES (1, 10);
SAVE TRANSACTION BeforeSecond;
INSERT INTO dbo.T (Id, Qty) VALUES (2, 20);
UPDATE dbo.T SET Qty = 99 WHERE Id = 1;
ROLLBACK TRANSACTION BeforeSecond;
SELECT (SELECT COUNT(*) FROM dbo.T WHERE Qty = 10) AS n, @@TRANCOUNT AS tc;
INSERT INTO dbo.T (Id, Qty) VALUES (3, 30);
COMMIT TRAN;
SELECT Id, Qty FROM dbo.T ORDER BY Id;
