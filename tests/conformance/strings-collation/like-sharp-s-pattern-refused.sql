-- rule: LIKE over Unicode text compares by the collation, so a pattern spelled with ß matches text spelled with ss (N'Strasse' LIKE N'%straße%' is true in SQL Server); the emulator refuses such a match rather than answer by code points
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: LIKE where SQL Server's collation may match an expanding letter with its spelled-out form
-- input: dbo.Street
--| Id,Name
--| 1,Hauptstrasse 3
CREATE TABLE dbo.Street (Id int NOT NULL, Name nvarchar(40) NULL)
GO
-- test
SELECT COUNT(*) AS spelled_with_sharp_s FROM dbo.Street WHERE Name LIKE N'%straße%';
