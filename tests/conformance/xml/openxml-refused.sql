-- rule: sp_xml_preparedocument and OPENXML (the SQL Server 2000 shredding) are not emulated: refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openxml-transact-sql
-- expect-refused: sp_xml_preparedocument
-- test
DECLARE @h int, @doc nvarchar(max) = N'<Orders><Order Id="1"/></Orders>';
EXEC sp_xml_preparedocument @h OUTPUT, @doc;
SELECT Id FROM OPENXML(@h, '/Orders/Order', 1) WITH (Id int);
