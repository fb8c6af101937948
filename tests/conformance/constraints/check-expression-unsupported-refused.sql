-- rule: a CHECK constraint holds for every write; one whose expression the emulator cannot evaluate (CHECKSUM) is refused at the constraint rather than left unenforced
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect-refused: CHECK constraint CK_Code_Sum
CREATE TABLE dbo.Codes (Code varchar(10) NOT NULL, CONSTRAINT CK_Code_Sum CHECK (CHECKSUM(Code) <> 0));
GO
-- test
INSERT INTO dbo.Codes (Code) VALUES ('x');
