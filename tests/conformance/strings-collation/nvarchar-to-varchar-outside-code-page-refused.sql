-- rule: nvarchar text stored in a varchar column is converted to the code page of the collation (1252 under the default Latin1 collations); a character the code page lacks ('Ł' in a Polish surname) becomes a best-fit character or '?', by mappings the documentation does not list, so the emulator refuses it rather than keep it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: converting nvarchar text holding a character outside code page 1252 to varchar
-- input: dbo.Pupil
--| Id,LastName
--| 1,Łukasiewicz
CREATE TABLE dbo.Pupil (Id int NOT NULL, LastName nvarchar(40) NOT NULL)
GO
CREATE TABLE dbo.CardName (Id int NOT NULL, Initial varchar(1) NULL)
GO
-- test
INSERT INTO dbo.CardName (Id, Initial) SELECT Id, LEFT(LastName, 1) FROM dbo.Pupil;
