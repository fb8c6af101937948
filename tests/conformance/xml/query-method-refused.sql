-- rule: query() returns an xml fragment SQL Server serializes its own way; the emulator refuses it where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/query-method-xml-data-type
-- expect-refused: the method query()
-- test
DECLARE @x xml = N'<Orders><Order Id="1"/></Orders>';
SELECT @x.query('/Orders/Order') AS q;
