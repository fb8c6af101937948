-- rule: value() requires a path that is statically one node at most: 'Amount' without [1] is compile error 2389, refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/value-method-xml-data-type
-- expect-refused: value() of 'Amount'
-- test
DECLARE @x xml = N'<Order><Amount>1</Amount></Order>';
SELECT t.o.value('Amount', 'decimal(18,2)') AS Amount FROM @x.nodes('/Order') AS t(o);
