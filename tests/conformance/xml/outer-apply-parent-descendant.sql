-- rule: OUTER APPLY of nodes() keeps a row without matching nodes, its value() NULL; '..' is the context node's parent and '//' selects at any depth, in document order
-- source: https://learn.microsoft.com/en-us/sql/xquery/path-expressions-xquery
-- expect: [[{"OrderId": 1, "Sku": "A"}, {"OrderId": 1, "Sku": "B"}, {"OrderId": 2, "Sku": null}], [{"Sku": "A", "Parent": 1}, {"Sku": "B", "Parent": 1}]]
-- test
DECLARE @x xml = N'<Orders><Order Id="1"><Lines><Line Sku="A"/><Line Sku="B"/></Lines></Order><Order Id="2"/></Orders>';
SELECT o.value('@Id', 'int') AS OrderId, l.value('@Sku', 'varchar(5)') AS Sku
FROM @x.nodes('/Orders/Order') AS t(o)
OUTER APPLY o.nodes('Lines/Line') AS u(l)
ORDER BY OrderId, Sku;
SELECT l.value('@Sku', 'varchar(5)') AS Sku, l.value('../../@Id', 'int') AS Parent
FROM @x.nodes('//Line') AS u(l)
ORDER BY Sku;
