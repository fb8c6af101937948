-- rule: under the default collations an nvarchar key compares with the collation's expansions, so N'Straße' repeats the primary key value N'Strasse' (ß equals ss) and the INSERT fails with 2627
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-error: 2627
-- input: dbo.Street
--| StreetName,City
--| Hauptstrasse,Bern
CREATE TABLE dbo.Street (StreetName nvarchar(60) NOT NULL PRIMARY KEY, City nvarchar(40) NOT NULL);
GO
-- test
INSERT INTO dbo.Street (StreetName, City) VALUES (N'HAUPTSTRAßE', N'Basel');
