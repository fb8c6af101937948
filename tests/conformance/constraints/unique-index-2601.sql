-- rule: a unique index (CREATE UNIQUE INDEX, in a script of its own) rejects a repeated key with 2601, catchable; keys compare as the default collation does
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/indexes/create-unique-indexes
-- expect: [[{"n": 2601, "c": 1}]]
CREATE TABLE dbo.Customer (Id int NOT NULL, Code varchar(10) NOT NULL);
GO
CREATE UNIQUE NONCLUSTERED INDEX UX_Customer_Code ON dbo.Customer (Code ASC);
GO
-- test
INSERT INTO dbo.Customer (Id, Code) VALUES (1, 'abc');
BEGIN TRY
  INSERT INTO dbo.Customer (Id, Code) VALUES (2, 'ABC ');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, (SELECT COUNT(*) FROM dbo.Customer) AS c;
END CATCH
