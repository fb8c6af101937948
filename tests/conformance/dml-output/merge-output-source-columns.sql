-- rule: a MERGE's OUTPUT may name columns of its source (from_table_name): each changed row comes with the source row that changed it; a row deleted WHEN NOT MATCHED BY SOURCE has no source row, so those columns are NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect: [[{"n": 4}], [{"Act": "DELETE", "NewId": null, "OldId": 2, "SourceKey": 20, "Code": "B"}, {"Act": "DELETE", "NewId": null, "OldId": 3, "SourceKey": null, "Code": null}, {"Act": "INSERT", "NewId": 4, "OldId": null, "SourceKey": 40, "Code": "D"}, {"Act": "UPDATE", "NewId": 1, "OldId": 1, "SourceKey": 10, "Code": "A"}]]
CREATE TABLE dbo.Customer (Id int IDENTITY(1,1) PRIMARY KEY, Code varchar(10), Name varchar(10));
GO
-- test
DECLARE @map TABLE (Act nvarchar(10), NewId int, OldId int, SourceKey int, Code varchar(10));
DECLARE @src TABLE (SourceKey int, Code varchar(10), Name varchar(10));
INSERT INTO dbo.Customer (Code, Name) VALUES ('A', 'old');
INSERT INTO dbo.Customer (Code, Name) VALUES ('B', 'bee');
INSERT INTO dbo.Customer (Code, Name) VALUES ('C', 'sea');
INSERT INTO @src (SourceKey, Code, Name) VALUES (10, 'A', 'new'), (20, 'B', NULL), (40, 'D', 'dee');
MERGE dbo.Customer AS t
USING @src AS s ON t.Code = s.Code
WHEN MATCHED AND s.Name IS NULL THEN DELETE
WHEN MATCHED THEN UPDATE SET Name = s.Name
WHEN NOT MATCHED THEN INSERT (Code, Name) VALUES (s.Code, s.Name)
WHEN NOT MATCHED BY SOURCE THEN DELETE
OUTPUT $action, inserted.Id, deleted.Id, s.SourceKey, s.Code INTO @map;
SELECT @@ROWCOUNT AS n;
SELECT Act, NewId, OldId, SourceKey, Code FROM @map ORDER BY Act, OldId;
