-- rule: an empty element read back as text is spelled by SQL Server's serialiser, which the documentation does not settle (<a/> on the serialisation page, <row … /> on the FOR XML pages): refused where the text is read; the variable's xml methods still read it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/define-the-serialization-of-xml-data
-- expect-refused: the xml variable @x read as a value
-- test
DECLARE @x xml, @Code varchar(10);
SET @x = CAST(N'<Ev code="DEL"/>' AS xml);
SET @Code = @x.value('(/Ev/@code)[1]', 'varchar(10)');
SELECT @Code AS Code, CAST(@x AS nvarchar(max)) AS Body;
