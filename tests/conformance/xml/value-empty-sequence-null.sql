-- rule: value() of an empty sequence is NULL: a missing element or attribute, and the text() of an empty element; the element itself has the empty string as value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/value-method-xml-data-type
-- expect: [[{"missing": null, "attr": null, "noText": null, "emptyElement": ""}]]
-- test
DECLARE @x xml = N'<Order Id="1"><Note/></Order>';
SELECT @x.value('(/Order/Amount)[1]', 'int') AS missing,
       @x.value('(/Order/@Code)[1]', 'varchar(5)') AS attr,
       @x.value('(/Order/Note/text())[1]', 'varchar(5)') AS noText,
       @x.value('(/Order/Note)[1]', 'varchar(5)') AS emptyElement;
