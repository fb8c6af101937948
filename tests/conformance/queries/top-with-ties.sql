-- rule: TOP (n) WITH TIES returns the first n rows by the ORDER BY and every further row whose ORDER BY values equal the n-th row's
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/top-transact-sql
-- expect: [[{"Name": "d", "Price": 40}, {"Name": "b", "Price": 30}, {"Name": "c", "Price": 30}], [{"n": 3}], [{"Name": "d", "Total": 40}, {"Name": "b", "Total": 30}, {"Name": "c", "Total": 30}]]
CREATE TABLE dbo.Product (Name varchar(10) NOT NULL, Price int NOT NULL)
GO
-- test
INSERT INTO dbo.Product VALUES ('a', 10), ('b', 30), ('c', 30), ('d', 40), ('e', 20);
SELECT Name, Price FROM (SELECT TOP (2) WITH TIES Name, Price FROM dbo.Product ORDER BY Price DESC, CASE WHEN Name = 'x' THEN 0 ELSE 1 END) AS t ORDER BY Price DESC, Name;
SELECT COUNT(*) AS n FROM (SELECT TOP 2 WITH TIES Name FROM dbo.Product ORDER BY Price DESC) AS t;
SELECT Name, Total FROM (SELECT TOP 2 WITH TIES Name, SUM(Price) AS Total FROM dbo.Product GROUP BY Name ORDER BY 2 DESC) AS t ORDER BY Total DESC, Name;
