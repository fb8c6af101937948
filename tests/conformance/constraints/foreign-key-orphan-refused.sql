-- rule: an INSERT of a child row whose key has no parent row fails with 547 (FOREIGN KEY); the emulator does not emulate that failure, so such a run is refused, never captured
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/primary-and-foreign-key-constraints
-- expect-refused: FOREIGN KEY constraint FK_Line_Header
-- input: dbo.Header
--| Id
--| 1
CREATE TABLE dbo.Header (Id int NOT NULL PRIMARY KEY);
GO
CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, HeaderId int NOT NULL, CONSTRAINT FK_Line_Header FOREIGN KEY (HeaderId) REFERENCES dbo.Header (Id));
GO
-- test
INSERT INTO dbo.Line (Id, HeaderId) SELECT 10, Id FROM dbo.Header;
INSERT INTO dbo.Line (Id, HeaderId) VALUES (11, 2);
