-- rule: FOR XML PATH('') writes a bit, money, date or float value in its XML form (1/0, ISO dates, float exponents), which the emulator does not model: refused where it is written
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/for-xml-support-for-various-sql-server-data-types
-- expect-refused: FOR XML PATH('') of a bit value
-- input: dbo.Flag
--| Id,IsOn
--| 1,1
CREATE TABLE dbo.Flag (Id int, IsOn bit)
GO
-- test
SELECT (SELECT IsOn FROM dbo.Flag FOR XML PATH('')) AS Flags;
