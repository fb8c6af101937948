-- rule: in varchar, whether 'Straße' and 'Strasse' are one key depends on the database's collation (a Windows collation expands ß, a SQL_ collation does not), which the scripts do not say, so such a key value is refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: a key value holding characters SQL Server's collation may equate with other spellings
CREATE TABLE dbo.Street (StreetName varchar(60) NOT NULL PRIMARY KEY);
GO
-- test
UPDATE s SET StreetName = 'Hauptstraße' FROM dbo.Street AS s WHERE 1 = 0;
INSERT INTO dbo.Street (StreetName) VALUES ('Hauptstraße');
