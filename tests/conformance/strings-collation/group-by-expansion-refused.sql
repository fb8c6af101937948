-- rule: under the default collations Unicode text compares with the collation's expansions, so N'Straße' and N'Strasse' are one group (ß equals ss, æ equals ae); the emulator compares code points case-insensitively, so it refuses to group such text rather than count two groups
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: comparing or grouping text holding characters SQL Server's collation may equate with other spellings
-- input: dbo.Street
--| Id,Name
--| 1,Straße
--| 2,Strasse
CREATE TABLE dbo.Street (Id int NOT NULL, Name nvarchar(40) NULL)
GO
-- test
SELECT COUNT(*) AS spellings FROM (SELECT Name FROM dbo.Street GROUP BY Name) AS g;
