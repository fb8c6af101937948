-- rule: FOR XML PATH('') over rows whose values are all NULL makes an empty document, whose value as text the documentation leaves open: refused where it happens
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/use-path-mode-with-for-xml
-- expect-refused: FOR XML PATH('') over rows whose values are all NULL
-- input: dbo.Tag
--| Id,Label
--| 1,
CREATE TABLE dbo.Tag (Id int, Label varchar(10))
GO
-- test
SELECT STUFF((SELECT ',' + Label FROM dbo.Tag FOR XML PATH('')), 1, 1, '') AS Labels;
