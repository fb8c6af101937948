-- rule: WITH XMLNAMESPACES declares the prefixes an XQuery names; the emulator reads no prefix and refuses the path that uses one
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/with-xmlnamespaces
-- expect-refused: a namespace prefix
-- test
DECLARE @x xml = N'<o:Orders xmlns:o="urn:o"><o:Order Id="1"/></o:Orders>';
WITH XMLNAMESPACES ('urn:o' AS o)
SELECT t.c.value('@Id', 'int') AS Id FROM @x.nodes('/o:Orders/o:Order') AS t(c);
