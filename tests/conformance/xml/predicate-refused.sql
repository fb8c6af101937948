-- rule: XQuery predicates other than a position (a comparison, last()) are not emulated: refused where written
-- source: https://learn.microsoft.com/en-us/sql/xquery/path-expressions-specifying-predicates
-- expect-refused: a predicate other than a position
-- test
DECLARE @x xml = N'<Orders><Order Id="1" Type="R"/></Orders>';
SELECT t.o.value('@Id', 'int') AS Id FROM @x.nodes('/Orders/Order[@Type="R"]') AS t(o);
