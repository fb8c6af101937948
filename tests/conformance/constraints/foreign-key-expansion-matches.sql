-- rule: a foreign key matches its parent key as the collation compares them, so a child row holding N'Strasse' refers to the parent N'Straße' (ß equals ss)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"n": 1}]]
-- input: dbo.Street
--| StreetName
--| Straße
CREATE TABLE dbo.Street (StreetName nvarchar(60) NOT NULL PRIMARY KEY);
GO
CREATE TABLE dbo.Address (AddressId int NOT NULL PRIMARY KEY, StreetName nvarchar(60) NOT NULL REFERENCES dbo.Street (StreetName));
GO
-- test
IF EXISTS (SELECT 1 FROM dbo.Street) INSERT INTO dbo.Address (AddressId, StreetName) VALUES (1, N'STRASSE');
SELECT COUNT(*) AS n FROM dbo.Address;
