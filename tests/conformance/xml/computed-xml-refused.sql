-- rule: xml a statement computes itself (CAST of text to xml) and shreds at once is not read by the emulator: refused where met, never read as another document
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/nodes-method-xml-data-type
-- expect-refused: xml the statement computes
CREATE TABLE dbo.Raw (Id int, Body nvarchar(200))
GO
-- test
INSERT INTO dbo.Raw VALUES (1, N'<a><b>1</b></a>');
SELECT r.Id, t.c.value('.', 'int') AS b FROM dbo.Raw AS r CROSS APPLY (SELECT CAST(r.Body AS xml) AS x) AS d CROSS APPLY d.x.nodes('/a/b') AS t(c);
