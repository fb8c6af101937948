-- rule: xml cast to a string type is the serialisation of the stored document, not the text given: attributes in double quotes, white space between elements and the XML declaration dropped, '>' in text entitized
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/define-the-serialization-of-xml-data
-- expect: [[{"Ack": "<Ack no=\"S100\"><Status>DEL</Status><Note>late &gt; 2h</Note></Ack>"}]]
-- test
DECLARE @Body nvarchar(max) = N'<?xml version="1.0"?>
<Ack  no=''S100''>
   <Status>DEL</Status>
   <Note>late > 2h</Note>
</Ack>', @x xml;
SET @x = CAST(@Body AS xml);
SELECT CAST(@x AS nvarchar(max)) AS Ack;
