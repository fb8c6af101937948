-- rule: a DML trigger fires once per statement, also when the statement changes no rows; @@ROWCOUNT at its start is the statement's count
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-trigger-transact-sql
-- expect: [[{"Seq": 1, "Rows": 2, "InsertedRows": 2}, {"Seq": 2, "Rows": 0, "InsertedRows": 0}]]
CREATE TABLE dbo.Orders (Id int, Amount int);
GO
CREATE TABLE dbo.Fired (Seq int IDENTITY(1,1), Rows int, InsertedRows int);
GO
CREATE TRIGGER dbo.trg_Orders_Insert ON dbo.Orders AFTER INSERT AS
  INSERT INTO dbo.Fired (Rows, InsertedRows) SELECT @@ROWCOUNT, (SELECT COUNT(*) FROM inserted);
GO
-- test
INSERT INTO dbo.Orders (Id, Amount) VALUES (1, 10), (2, 20);
INSERT INTO dbo.Orders (Id, Amount) SELECT Id, Amount FROM dbo.Orders WHERE Amount > 100;
SELECT Seq, Rows, InsertedRows FROM dbo.Fired ORDER BY Seq;
