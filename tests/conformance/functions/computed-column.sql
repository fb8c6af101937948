-- rule: a computed column is computed from the other columns of the row whenever it is read; INSERT without a column list skips it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect: [[{"Id": 1, "Total": "7.50"}, {"Id": 2, "Total": "12.00"}]]
CREATE TABLE dbo.Line (Id int NOT NULL, Qty int NOT NULL, Price decimal(9,2) NOT NULL, Total AS Qty * Price PERSISTED);
GO
-- test
INSERT INTO dbo.Line VALUES (1, 3, 2.50), (2, 1, 1.00);
UPDATE dbo.Line SET Price = 12.00 WHERE Id = 2;
SELECT Id, CAST(Total AS varchar(20)) AS Total FROM dbo.Line ORDER BY Id;
