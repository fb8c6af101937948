-- rule: typed xml (bound to an XML schema collection) gives its nodes the schema's types, which value() serializes by them; the emulator reads untyped xml only and refuses typed xml where shredded
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/compare-typed-xml-to-untyped-xml
-- expect-refused: typed xml
-- test
DECLARE @x xml(dbo.OrderSchema) = N'<Order Id="1"/>';
SELECT @x.value('(/Order/@Id)[1]', 'int') AS Id;
