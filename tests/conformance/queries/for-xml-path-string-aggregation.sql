-- rule: FOR XML PATH('') joins the rows of its one unnamed column as XML text, in the ORDER BY's order, after DISTINCT, GROUP BY, HAVING and TOP; &, < and > are escaped and a carriage return is written &#x0D;; with TYPE, .value('.', 'nvarchar(max)') reads the text back unescaped (and '(./text())[1]' is NULL for empty text); no rows is NULL
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/use-path-mode-with-for-xml
-- expect: [[{"Regions": "East, North, West"}], [{"CustomerId": 1, "Top2": "11,10"}, {"CustomerId": 2, "Top2": "20"}, {"CustomerId": 3, "Top2": null}], [{"Escaped": "R&amp;D&lt;1&gt;|a&#x0D;\nb", "Read": "R&D<1>|a\r\nb"}], [{"Dot": "", "TextNode": null}]]
-- input: dbo.Sale
--| InvoiceId,CustomerId,Region,Amount,Note
--| 10,1,North,5.00,R&D<1>
--| 11,1,West,7.00,
--| 11,1,West,1.00,
--| 12,1,North,3.00,
--| 20,2,East,1.00,
--| 21,2,East,0.50,
CREATE TABLE dbo.Sale (InvoiceId int, CustomerId int, Region varchar(10), Amount decimal(9, 2), Note varchar(20))
GO
CREATE TABLE dbo.Customer (CustomerId int)
GO
-- test
SELECT STUFF((SELECT DISTINCT ', ' + Region FROM dbo.Sale ORDER BY ', ' + Region FOR XML PATH('')), 1, 2, '') AS Regions;
INSERT dbo.Customer VALUES (1), (2), (3);
SELECT c.CustomerId, STUFF((SELECT TOP (2) ',' + CAST(s.InvoiceId AS varchar(12)) FROM dbo.Sale s WHERE s.CustomerId = c.CustomerId
    GROUP BY s.InvoiceId HAVING SUM(s.Amount) > 0.75 ORDER BY SUM(s.Amount) DESC, s.InvoiceId FOR XML PATH('')), 1, 1, '') AS Top2
FROM dbo.Customer c ORDER BY c.CustomerId;
SELECT (SELECT x FROM (VALUES (1, 'R&D<1>'), (2, '|a' + CHAR(13) + CHAR(10) + 'b')) v(n, x) ORDER BY n FOR XML PATH('')) AS Escaped,
       (SELECT x FROM (VALUES (1, 'R&D<1>'), (2, '|a' + CHAR(13) + CHAR(10) + 'b')) v(n, x) ORDER BY n FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)') AS [Read];
SELECT (SELECT '' FROM dbo.Sale WHERE InvoiceId = 10 FOR XML PATH(''), TYPE).value('.', 'varchar(max)') AS Dot,
       (SELECT '' FROM dbo.Sale WHERE InvoiceId = 10 FOR XML PATH(''), TYPE).value('(./text())[1]', 'varchar(max)') AS TextNode;
