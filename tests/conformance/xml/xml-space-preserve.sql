-- rule: white space only text stays in an element under xml:space="preserve" (the handling CONVERT style 1 makes the default); elsewhere it is dropped
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"kept": "   ", "dropped": null}]]
-- test
DECLARE @x xml = N'<r><p xml:space="preserve"><b>   </b></p><d><b>   </b></d></r>';
SELECT @x.value('(/r/p/b/text())[1]', 'varchar(5)') AS kept, @x.value('(/r/d/b/text())[1]', 'varchar(5)') AS dropped;
