-- rule: DATALENGTH of a column is the bytes of its declared type (nvarchar 2 per character, int 4, bigint 8)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datalength-transact-sql
-- expect: [[{"name_bytes": 10, "code_bytes": 3, "id_bytes": 4, "big_bytes": 8}]]
-- input: dbo.Product
--| Id,Big,Name,Code
--| 1,2,Apple,abc
CREATE TABLE dbo.Product (Id int NOT NULL, Big bigint NULL, Name nvarchar(50) NULL, Code varchar(10) NULL);
GO
-- test
SELECT DATALENGTH(Name) AS name_bytes, DATALENGTH(Code) AS code_bytes, DATALENGTH(Id) AS id_bytes, DATALENGTH(Big) AS big_bytes FROM dbo.Product;
