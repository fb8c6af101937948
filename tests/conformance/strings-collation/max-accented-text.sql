-- rule: under Latin1_General_CI_AS an accented letter sorts beside its base letter ('Åsa' < 'bob'), not after 'z' as by code point; MIN/MAX give the value as written
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"Largest": "bob smith", "Smallest": "Åsa Berg"}]]
-- input: dbo.People
--| Name
--| bob smith
--| Åsa Berg
--| 
CREATE TABLE dbo.People (Name nvarchar(40) NULL);
GO
-- test
SELECT MAX(Name) AS Largest, MIN(Name) AS Smallest FROM dbo.People;
