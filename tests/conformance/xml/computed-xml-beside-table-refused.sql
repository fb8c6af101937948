-- rule: xml a statement computes (a CAST of text to xml) is no document stored in the tables it reads, even when one of them has an xml column: refused where met, never read as another row's document
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/nodes-method-xml-data-type
-- expect-refused: xml the statement computes
-- input: dbo.Inbox
--| Id,Payload,Body
--| 1,<a><b>1</b></a>,<a><b>2</b></a>
CREATE TABLE dbo.Inbox (Id int, Payload xml, Body nvarchar(100))
GO
-- test
SELECT i.Id, t.c.value('.', 'int') AS b FROM dbo.Inbox AS i CROSS APPLY (SELECT CAST(i.Body AS xml) AS x) AS d CROSS APPLY d.x.nodes('/a/b') AS t(c);
