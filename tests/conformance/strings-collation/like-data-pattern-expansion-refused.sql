-- rule: LIKE over Unicode text matches with the collation's expansions also where the pattern comes from the data, so N'Hauptstraße' LIKE a stored pattern N'%strasse' is true; code points would say false, so such a value is refused where it is met
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: LIKE where SQL Server's collation may match an expanding letter with its spelled-out form
-- input: dbo.[Street Rule]
--| RuleId,Pattern
--| 1,%strasse
-- input: dbo.Address
--| AddressId,Street
--| 10,Hauptstraße
CREATE TABLE dbo.[Street Rule] (RuleId int NOT NULL PRIMARY KEY, Pattern nvarchar(40) NOT NULL);
GO
CREATE TABLE dbo.Address (AddressId int NOT NULL PRIMARY KEY, Street nvarchar(60) NOT NULL);
GO
-- test
SELECT a.AddressId, r.RuleId FROM dbo.Address AS a JOIN dbo.[Street Rule] AS r ON a.Street LIKE r.Pattern;
