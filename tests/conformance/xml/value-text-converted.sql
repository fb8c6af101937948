-- rule: value() converts the node's text as CONVERT does: CONVERT(int, ' 5 ') is 5, decimal rounds to the type's scale, bit takes 1/0, date takes the ISO form; an absolute path with [1] at each step is one node
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/value-method-xml-data-type
-- expect: [[{"q": 5, "amt": "2.46", "flag": 1, "d": "2024-03-01", "first": "b"}]]
-- test
DECLARE @x xml = N'<r><q> 5 </q><amt>2.455</amt><flag>1</flag><d>2024-03-01</d><s>b</s><s>c</s></r>';
SELECT @x.value('(/r/q)[1]', 'int') AS q, @x.value('(/r/amt)[1]', 'decimal(9,2)') AS amt,
       @x.value('/r[1]/flag[1]', 'bit') AS flag, @x.value('(/r/d/text())[1]', 'date') AS d,
       @x.value('/r[1]/s[1]', 'varchar(3)') AS first;
