-- rule: an UPDATE that makes a table-level CHECK constraint over two columns FALSE fails with error 547, even when it sets only one of them
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect-error: 547
CREATE TABLE dbo.Band (Id int NOT NULL, Lo int NOT NULL, Hi int NOT NULL, CONSTRAINT CK_Band_Range CHECK (Lo <= Hi));
GO
-- test
INSERT INTO dbo.Band (Id, Lo, Hi) VALUES (1, 10, 20);
UPDATE dbo.Band SET Lo = 25 WHERE Id = 1;
