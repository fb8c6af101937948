-- rule: converting text to xml (style 0, the default) discards insignificant white space: a text node of white space only is dropped, text with other characters keeps its spaces
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"blank": null, "blankElement": "", "padded": " John "}]]
-- test
DECLARE @x xml = N'<Cust>
  <Blank>    </Blank>
  <Fname> John </Fname>
</Cust>';
SELECT @x.value('(/Cust/Blank/text())[1]', 'varchar(10)') AS blank,
       @x.value('(/Cust/Blank)[1]', 'varchar(10)') AS blankElement,
       @x.value('(/Cust/Fname)[1]', 'varchar(10)') AS padded;
