-- rule: an INSERT of a child row whose key has no parent row fails with 547 even where the procedure never reads the parent table; the emulator does not emulate that failure, so such a run is refused, never captured
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/primary-and-foreign-key-constraints
-- expect-refused: FOREIGN KEY constraint FK_Address_Street
-- input: dbo.Street
--| StreetName
--| Hauptstrasse
CREATE TABLE dbo.Street (StreetName nvarchar(60) NOT NULL PRIMARY KEY);
GO
CREATE TABLE dbo.[Postal Address] (AddressId int NOT NULL PRIMARY KEY, StreetName nvarchar(60) NOT NULL, CONSTRAINT FK_Address_Street FOREIGN KEY (StreetName) REFERENCES dbo.Street (StreetName));
GO
-- test
INSERT INTO dbo.[Postal Address] (AddressId, StreetName) VALUES (1, N'Bahnhofstrasse');
