-- rule: accented letters are kept apart under an accent-sensitive default collation, so N'Müller' and N'Muller' are two keys; N'Straße' alone in a key is stored as written
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"n": 3}]]
-- input: dbo.Person
--| LastName
--| Müller
CREATE TABLE dbo.Person (LastName nvarchar(40) NOT NULL PRIMARY KEY);
GO
-- test
INSERT INTO dbo.Person (LastName) VALUES (N'Muller'), (N'Straße');
SELECT COUNT(*) AS n FROM dbo.Person;
