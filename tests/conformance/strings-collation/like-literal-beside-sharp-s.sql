-- rule: LIKE over Unicode text holding ß matches a pattern of other letters as the collation compares them, case-insensitively: N'Hauptstraße' is LIKE '%STRA%' and not LIKE '%str.%'
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect: [[{"stra": 1, "abbrev": 0}]]
-- input: dbo.Street
--| Id,Name
--| 1,Hauptstraße
CREATE TABLE dbo.Street (Id int NOT NULL, Name nvarchar(40) NULL)
GO
-- test
SELECT SUM(CASE WHEN Name LIKE '%STRA%' THEN 1 ELSE 0 END) AS stra, SUM(CASE WHEN Name LIKE '%str.%' THEN 1 ELSE 0 END) AS abbrev FROM dbo.Street;
