-- rule: WITH XMLNAMESPACES declares the prefixes an XQuery names; the emulator reads no namespace and refuses the statement that declares them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/with-xmlnamespaces
-- expect-refused: WITH XMLNAMESPACES
-- test
DECLARE @x xml = N'<o:Orders xmlns:o="urn:o"><o:Order Id="1"/></o:Orders>';
WITH XMLNAMESPACES ('urn:o' AS o)
SELECT t.c.value('@Id', 'int') AS Id FROM @x.nodes('/o:Orders/o:Order') AS t(c);
