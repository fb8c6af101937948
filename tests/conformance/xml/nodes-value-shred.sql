-- rule: nodes() gives one row per node its path selects, in document order, with that node as the context of value(); CROSS APPLY of the row's nodes() shreds the children of each; value() converts the node's string value with CONVERT's rules to the SQL type named
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/nodes-method-xml-data-type
-- expect: [[{"OrderId": 7, "Customer": "Ann & Co", "Amount": "12.50", "Sku": "A-1", "Qty": 2}, {"OrderId": 7, "Customer": "Ann & Co", "Amount": "12.50", "Sku": "B-2", "Qty": 1}, {"OrderId": 9, "Customer": "Bob", "Amount": "3.00", "Sku": "C-3", "Qty": 5}]]
-- test
DECLARE @Orders xml = N'<Orders>
  <Order Id="7"><CustomerName>Ann &amp; Co</CustomerName><Amount>12.5</Amount>
    <Line Sku="A-1" Qty="2"/><Line Sku="B-2" Qty="1"/></Order>
  <Order Id="9"><CustomerName>Bob</CustomerName><Amount>3</Amount><Line Sku="C-3" Qty="5"/></Order>
</Orders>';
SELECT o.value('@Id', 'int') AS OrderId,
       o.value('(CustomerName/text())[1]', 'nvarchar(100)') AS Customer,
       o.value('(Amount)[1]', 'decimal(18,2)') AS Amount,
       l.x.value('@Sku', 'varchar(10)') AS Sku,
       l.x.value('@Qty', 'int') AS Qty
FROM @Orders.nodes('/Orders/Order') AS t(o)
CROSS APPLY t.o.nodes('Line') AS l(x)
ORDER BY OrderId, Sku;
