-- rule: a repeated key fails with 2627 under a key constraint and 2601 under a unique index; with both on the table the emulator cannot tell which one SQL Server raises, so it refuses rather than guess the number
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/indexes/create-unique-indexes
-- expect-refused: unique indexes (2601)
CREATE TABLE dbo.Customer (Id int NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL);
GO
CREATE UNIQUE INDEX UX_Customer_Code ON dbo.Customer (Code);
GO
-- test
INSERT INTO dbo.Customer (Id, Code) VALUES (1, 'a');
INSERT INTO dbo.Customer (Id, Code) VALUES (1, 'b');
