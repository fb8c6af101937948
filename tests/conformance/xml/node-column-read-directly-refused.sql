-- rule: the column a nodes() returns can only be used with the xml methods (SQL Server error 493): refused where read directly
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/nodes-method-xml-data-type
-- expect-refused: the nodes() column t.o read directly
-- test
DECLARE @x xml = N'<Orders><Order Id="1"/></Orders>';
SELECT t.o AS node FROM @x.nodes('/Orders/Order') AS t(o);
