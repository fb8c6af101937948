-- rule: in PATH mode a column named [text()] or [*] is written as bare text, as an unnamed column is, so FOR XML PATH('') concatenates its values (XML-escaped) in the ORDER BY's order
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/use-path-mode-with-for-xml
-- expect: [[{"C": 1, "ids": "321", "names": "West;East"}, {"C": 2, "ids": "54", "names": "R&amp;D;Ops"}]]
-- test
DECLARE @s TABLE (Id int, C int, R varchar(20));
INSERT @s VALUES (1, 1, 'West'), (2, 1, 'East'), (3, 1, 'East'), (4, 2, 'Ops'), (5, 2, 'R&D');
SELECT o.C,
  (SELECT s.Id AS [text()] FROM @s s WHERE s.C = o.C ORDER BY s.Id DESC FOR XML PATH('')) AS ids,
  STUFF((SELECT DISTINCT ';' + s.R AS [*] FROM @s s WHERE s.C = o.C ORDER BY ';' + s.R DESC FOR XML PATH('')), 1, 1, '') AS names
FROM (SELECT DISTINCT C FROM @s) o ORDER BY o.C;
