-- rule: TOP (@n) takes its row count from a variable: INSERT … SELECT TOP (@n) … GROUP BY … ORDER BY an aggregate inserts the first @n groups by that order; without ORDER BY, any @n rows
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/top-transact-sql
-- expect: [[{"Cust": 4, "Total": 30}, {"Cust": 3, "Total": 25}], [{"n": 2}]]
CREATE TABLE dbo.Shipment (Cust int NOT NULL, Amount money NOT NULL)
GO
CREATE TABLE dbo.Review (Cust int NOT NULL, Total money NOT NULL)
GO
-- test
DECLARE @n int
SET @n = 2
INSERT INTO dbo.Shipment VALUES (1, 5), (3, 20), (3, 5), (4, 30), (2, 10)
INSERT INTO dbo.Review (Cust, Total)
SELECT TOP (@n) Cust, SUM(Amount) FROM dbo.Shipment GROUP BY Cust ORDER BY SUM(Amount) DESC, Cust
SELECT Cust, CAST(Total AS int) AS Total FROM dbo.Review ORDER BY Total DESC
SELECT COUNT(*) AS n FROM (SELECT TOP (@n) Cust FROM dbo.Shipment) AS t
