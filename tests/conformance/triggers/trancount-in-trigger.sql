-- rule: a trigger runs inside its statement's transaction: @@TRANCOUNT is 1 in a trigger fired outside any transaction, and the caller's count inside one
-- source: https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008/ms187844(v=sql.100)
-- expect: [[{"Seq": 1, "TranCount": 1}, {"Seq": 2, "TranCount": 2}], [{"After": 0}]]
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TABLE dbo.Seen (Seq int IDENTITY(1,1), TranCount int);
GO
CREATE TRIGGER dbo.trg_Stock ON dbo.Stock AFTER DELETE AS
  INSERT INTO dbo.Seen (TranCount) VALUES (@@TRANCOUNT);
GO
-- test
DELETE FROM dbo.Stock WHERE Id = 1;
BEGIN TRANSACTION;
BEGIN TRANSACTION;
DELETE FROM dbo.Stock WHERE Id = 2;
COMMIT;
COMMIT;
SELECT Seq, TranCount FROM dbo.Seen ORDER BY Seq;
SELECT @@TRANCOUNT AS After;
