-- rule: LIKE over Unicode text compares by the collation, which equates ß with ss (and æ with ae, œ with oe), so N'Straße' LIKE '%ss%' is true in SQL Server where code points say false; the emulator refuses such a match rather than answer by code points
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: LIKE where SQL Server's collation may match an expanding letter with its spelled-out form
-- input: dbo.Street
--| Id,Name
--| 1,Straße
CREATE TABLE dbo.Street (Id int NOT NULL, Name nvarchar(40) NULL)
GO
-- test
SELECT COUNT(*) AS with_ss FROM dbo.Street WHERE Name LIKE '%ss%';
