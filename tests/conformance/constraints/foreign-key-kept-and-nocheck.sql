-- rule: child rows whose parents exist, NULL keys and orphans a disabled (NOCHECK) foreign key admits are all stored as SQL Server stores them; orphans already in the input are not the run's doing
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/primary-and-foreign-key-constraints
-- expect: [[{"c": 5}]]
-- input: dbo.Header
--| Id
--| 1
-- input: dbo.Line
--| Id,HeaderId,OtherId
--| 1,7,
CREATE TABLE dbo.Header (Id int NOT NULL PRIMARY KEY);
GO
CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, HeaderId int NULL, OtherId int NULL,
  CONSTRAINT FK_Line_Header FOREIGN KEY (HeaderId) REFERENCES dbo.Header (Id),
  CONSTRAINT FK_Line_Other FOREIGN KEY (OtherId) REFERENCES dbo.Header (Id));
GO
ALTER TABLE dbo.Line NOCHECK CONSTRAINT FK_Line_Other;
GO
-- test
INSERT INTO dbo.Line (Id, HeaderId, OtherId) VALUES (2, 1, NULL), (3, NULL, NULL), (4, 1, 99);
INSERT INTO dbo.Line (Id, HeaderId) SELECT 5, Id FROM dbo.Header;
SELECT COUNT(*) AS c FROM dbo.Line;
