-- rule: a trigger's write fires the triggers of the table it writes (nested triggers, on by default, up to 32 levels)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/create-nested-triggers
-- expect: [[{"Total": 30}], [{"Note": "total now 30"}]]
CREATE TABLE dbo.OrderLine (OrderId int, Amount int);
GO
CREATE TABLE dbo.OrderTotal (OrderId int PRIMARY KEY, Total int);
GO
CREATE TABLE dbo.TotalLog (Note varchar(30));
GO
CREATE TRIGGER dbo.trg_OrderLine ON dbo.OrderLine AFTER INSERT AS
  UPDATE t SET Total = t.Total + x.Amount
  FROM dbo.OrderTotal AS t JOIN (SELECT OrderId, SUM(Amount) AS Amount FROM inserted GROUP BY OrderId) AS x ON x.OrderId = t.OrderId;
GO
CREATE TRIGGER dbo.trg_OrderTotal ON dbo.OrderTotal AFTER UPDATE AS
  INSERT INTO dbo.TotalLog (Note) SELECT 'total now ' + CAST(Total AS varchar(10)) FROM inserted;
GO
-- test
INSERT INTO dbo.OrderTotal (OrderId, Total) VALUES (7, 0);
INSERT INTO dbo.OrderLine (OrderId, Amount) VALUES (7, 10), (7, 20);
SELECT Total FROM dbo.OrderTotal;
SELECT Note FROM dbo.TotalLog;
