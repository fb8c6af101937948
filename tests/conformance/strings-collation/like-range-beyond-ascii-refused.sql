-- rule: a LIKE range such as [A-Z] covers the characters the collation sorts between its ends, not the code points between them: under the default collations an accented capital such as É sorts beside E, so the emulator refuses to match a range against text beyond printable ASCII rather than answer by code points
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: LIKE with a [ ] range over text holding characters beyond printable ASCII
-- input: dbo.City
--| Name
--| Berlin
--| Évry
CREATE TABLE dbo.City (Name nvarchar(40))
GO
-- test
SELECT COUNT(*) AS starts_with_a_capital FROM dbo.City WHERE Name LIKE '[A-Z]%';
