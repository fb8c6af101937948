-- rule: a filtered unique index constrains only the rows its WHERE selects; the emulator cannot enforce it, so a capture touching its table is refused at the index
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/indexes/create-unique-indexes
-- expect-refused: filtered unique index UX_Customer_Code
CREATE TABLE dbo.Customer (Id int NOT NULL, Code varchar(10) NULL);
GO
CREATE UNIQUE INDEX UX_Customer_Code ON dbo.Customer (Code) WHERE Code IS NOT NULL;
GO
-- test
INSERT INTO dbo.Customer (Id, Code) VALUES (1, NULL), (2, NULL);
