-- rule: a column that is the source table's identity column selected as it is (one table, no join, GROUP BY or aggregate, not in an expression) keeps the IDENTITY property in the table SELECT … INTO creates; inside an expression it does not
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-into-clause-transact-sql
-- expect: [[{"OrderId": 10, "Item": "a"}, {"OrderId": 12, "Item": "b"}, {"OrderId": 14, "Item": "c"}], [{"Id2": 11, "Item": "a"}, {"Id2": null, "Item": "z"}]]
CREATE TABLE dbo.Orders (OrderId int IDENTITY(10, 2) NOT NULL PRIMARY KEY, Item varchar(10) NOT NULL)
GO
-- test
INSERT INTO dbo.Orders (Item) VALUES ('a'), ('b');
SELECT * INTO #copy FROM dbo.Orders;
INSERT INTO #copy (Item) VALUES ('c');
SELECT OrderId, Item FROM #copy ORDER BY OrderId;
SELECT OrderId + 1 AS Id2, Item INTO #computed FROM dbo.Orders WHERE OrderId = 10;
INSERT INTO #computed (Item) VALUES ('z');
SELECT Id2, Item FROM #computed ORDER BY Item;
