-- rule: a UNIQUE constraint admits one NULL: a second NULL in the column is a repeated key (2627)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect: [[{"n": 2627, "c": 2}]]
CREATE TABLE dbo.Badge (Id int NOT NULL PRIMARY KEY, Code varchar(10) NULL CONSTRAINT UQ_Badge_Code UNIQUE);
GO
-- test
INSERT INTO dbo.Badge (Id, Code) VALUES (1, NULL), (2, 'A');
BEGIN TRY
  INSERT INTO dbo.Badge (Id, Code) VALUES (3, NULL);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, (SELECT COUNT(*) FROM dbo.Badge) AS c;
END CATCH
