-- rule: value() converts the node's text with CONVERT: text that is not an integer fails as CONVERT(int, 'x') does (error 245)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/value-method-xml-data-type
-- expect-error: 245
-- test
DECLARE @x xml = N'<Order Id="x1"/>';
SELECT @x.value('(/Order/@Id)[1]', 'int') AS Id;
