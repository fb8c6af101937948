-- rule: a MERGE's OUTPUT may name columns of its source also when WHEN NOT MATCHED BY SOURCE AND <condition> updates rows: those rows have no source row, so their source columns are NULL; a row the condition leaves out is neither changed nor output
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"n": 5}], [{"Act": "DELETE", "SourceRef": 200, "Sku": "B", "Price": null}, {"Act": "INSERT", "SourceRef": 300, "Sku": "F", "Price": 60}, {"Act": "UPDATE", "SourceRef": null, "Sku": null, "Price": null}, {"Act": "UPDATE", "SourceRef": null, "Sku": null, "Price": null}, {"Act": "UPDATE", "SourceRef": 100, "Sku": "A", "Price": 11}], [{"Id": 1, "Sku": "A", "Price": 11, "Active": 1}, {"Id": 3, "Sku": "C", "Price": 30, "Active": 0}, {"Id": 4, "Sku": "D", "Price": 40, "Active": 0}, {"Id": 5, "Sku": "E", "Price": 50, "Active": 0}, {"Id": 6, "Sku": "F", "Price": 60, "Active": 1}]]
-- input: dbo.Price List
--| Id,Sku,Price,Active
--| 1,A,10,1
--| 2,B,20,1
--| 3,C,30,1
--| 4,D,40,0
--| 5,E,50,1
CREATE TABLE dbo.[Price List] (Id int PRIMARY KEY, Sku varchar(10) NOT NULL, Price int NULL, Active bit NOT NULL);
GO
-- test
DECLARE @feed TABLE (SourceRef int, Sku varchar(10), Price int, NewId int);
DECLARE @log TABLE (Act nvarchar(10), SourceRef int, Sku varchar(10), Price int);
INSERT INTO @feed (SourceRef, Sku, Price, NewId) VALUES (100, 'A', 11, NULL), (200, 'B', NULL, NULL), (300, 'F', 60, 6);
MERGE dbo.[Price List] AS t
USING @feed AS s ON t.Sku = s.Sku
WHEN MATCHED AND s.Price IS NULL THEN DELETE
WHEN MATCHED THEN UPDATE SET Price = s.Price
WHEN NOT MATCHED BY TARGET THEN INSERT (Id, Sku, Price, Active) VALUES (s.NewId, s.Sku, s.Price, 1)
WHEN NOT MATCHED BY SOURCE AND t.Active = 1 THEN UPDATE SET Active = 0
OUTPUT $action, s.SourceRef, s.Sku, s.Price INTO @log;
SELECT @@ROWCOUNT AS n;
SELECT Act, SourceRef, Sku, Price FROM @log ORDER BY Act, SourceRef;
SELECT Id, Sku, Price, Active FROM dbo.[Price List] ORDER BY Id;
