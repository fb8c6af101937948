-- rule: exist() returns bit 1 when the XQuery returns at least one node, 0 when it returns none, NULL when the xml instance is NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/exist-method-xml-data-type
-- expect: [[{"yes": 1, "no": 0, "isNull": null, "perRow": 1}, {"yes": 1, "no": 0, "isNull": null, "perRow": 0}]]
-- test
DECLARE @x xml = N'<Orders><Order Id="1"><Rush/></Order><Order Id="2"/></Orders>';
DECLARE @none xml;
SELECT @x.exist('/Orders/Order') AS yes, @x.exist('/Orders/Invoice') AS no, @none.exist('/Orders') AS isNull, t.o.exist('Rush') AS perRow
FROM @x.nodes('/Orders/Order') AS t(o)
ORDER BY t.o.value('@Id', 'int');
