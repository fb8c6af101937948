-- rule: after a statement whose trigger ran other statements, @@ROWCOUNT in the caller is the rows the statement itself changed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rowcount-transact-sql
-- expect: [[{"Changed": 3}]]
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TABLE dbo.StockLog (Note varchar(20));
GO
CREATE TRIGGER dbo.trg_Stock ON dbo.Stock FOR DELETE AS
BEGIN
  INSERT INTO dbo.StockLog (Note) VALUES ('deleted');
END
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 0), (2, 0), (3, 0), (4, 5);
DELETE FROM dbo.Stock WHERE Qty = 0;
SELECT @@ROWCOUNT AS Changed;
