-- rule: FOR XML PATH('') over rows whose values are all NULL makes an empty document, whose value as text ('' or NULL) the documentation leaves open: the bare value is refused where it happens (STUFF over it is NULL either way: stuff-over-for-xml-path-of-null-values.sql)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/use-path-mode-with-for-xml
-- expect-refused: FOR XML PATH('') over rows whose values are all NULL
-- input: dbo.[Lot Line]
--| LineId,LotNo
--| 1,
--| 2,
CREATE TABLE dbo.[Lot Line] (LineId int, LotNo varchar(10))
GO
-- test
SELECT (SELECT ', ' + LotNo FROM dbo.[Lot Line] ORDER BY LineId FOR XML PATH('')) AS [Lot List];
