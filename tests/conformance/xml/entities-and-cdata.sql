-- rule: value() returns the text of the XML data model: entity and character references are replaced by their characters and a CDATA section's text is kept as written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/value-method-xml-data-type
-- expect: [[{"e": "a<b & \"c\" 'd' A", "c": "x < y && z", "attr": "1 > 0"}]]
-- test
DECLARE @x xml = N'<r a="1 &gt; 0"><e>a&lt;b &amp; &quot;c&quot; &apos;d&apos; &#65;</e><c><![CDATA[x < y && z]]></c></r>';
SELECT @x.value('(/r/e)[1]', 'varchar(30)') AS e, @x.value('(/r/c)[1]', 'varchar(30)') AS c, @x.value('(/r/@a)[1]', 'varchar(10)') AS attr;
