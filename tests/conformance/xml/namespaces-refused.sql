-- rule: a document declaring XML namespaces needs the namespaces in the XQuery (WITH XMLNAMESPACES or declare namespace), which the emulator does not read: refused where shredded
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/with-xmlnamespaces
-- expect-refused: XML namespaces
-- test
DECLARE @x xml = N'<Orders xmlns="urn:orders"><Order Id="1"/></Orders>';
SELECT t.o.value('@Id', 'int') AS Id FROM @x.nodes('/Orders/Order') AS t(o);
