-- rule: nodes() of a NULL xml instance returns no rows and value() of it is NULL; each execution of a statement reads the variable's current document
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/nodes-method-xml-data-type
-- expect: [[{"rows": 0, "v": null, "total": 81}]]
-- test
DECLARE @none xml;
DECLARE @x xml = N'<r><i>1</i></r>';
DECLARE @k int = 1, @total int = 0;
WHILE @k <= 3
BEGIN
  SET @total = @total + @x.value('(/r/i)[1]', 'int') * @k;
  SET @x = N'<r><i>' + CAST(@k * 10 AS nvarchar(10)) + N'</i></r>';
  SET @k = @k + 1;
END
SELECT (SELECT COUNT(*) FROM @none.nodes('/r/i') AS t(c)) AS [rows], @none.value('(/r/i)[1]', 'int') AS v, @total AS total;
