-- rule: SQL Server stores no two rows whose nvarchar primary key values the collation equates (N'Strasse' and N'Straße'), so an input holding such a pair is refused, not loaded
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: two rows hold the key value
-- input: dbo.Street
--| StreetName
--| Strasse
--| Straße
CREATE TABLE dbo.Street (StreetName nvarchar(60) NOT NULL PRIMARY KEY);
GO
-- test
SELECT StreetName FROM dbo.Street;
