-- rule: the rows nodes() returns are rows like any other: a window numbers them in its ORDER BY, here the order of a value() of each node
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/row-number-transact-sql
-- expect: [[{"Sku": "C", "rn": 1}, {"Sku": "A", "rn": 2}, {"Sku": "B", "rn": 3}]]
-- test
DECLARE @x xml = N'<r><l Sku="A" Qty="5"/><l Sku="B" Qty="9"/><l Sku="C" Qty="1"/></r>';
SELECT l.value('@Sku', 'char(1)') AS Sku, ROW_NUMBER() OVER (ORDER BY l.value('@Qty', 'int')) AS rn
FROM @x.nodes('/r/l') AS t(l)
ORDER BY rn;
