-- rule: names with spaces (a schema, a table, columns, a view over them) keep the collation's rules: an input row 'n ' of a char(4) column groups with 'N' under ROLLUP, EXCEPT and DISTINCT see one value, LIKE ignores the padding, an int column equals the text '2'
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql
-- expect: [[{"Region Code": "N", "n": 2, "g": 0}, {"Region Code": null, "n": 2, "g": 1}], [{"k": 1}], [{"m": 1}], [{"v": 1}]]
-- input: [Sales Data].[Order Lines]
--| Region Code,Line Qty
--| N,1
--| n ,2
CREATE SCHEMA [Sales Data];
GO
CREATE TABLE [Sales Data].[Order Lines] ([Region Code] char(4) NOT NULL, [Line Qty] int NOT NULL);
GO
CREATE VIEW [Sales Data].[Big Lines] AS SELECT [Region Code], [Line Qty] FROM [Sales Data].[Order Lines] WHERE [Line Qty] > 1;
GO
-- test
SELECT RTRIM(UPPER([Region Code])) AS [Region Code], COUNT(*) AS n, GROUPING([Region Code]) AS g FROM [Sales Data].[Order Lines] GROUP BY ROLLUP([Region Code]) ORDER BY GROUPING([Region Code]);
SELECT COUNT(*) AS k FROM (SELECT [Region Code] FROM [Sales Data].[Order Lines] EXCEPT SELECT 'x') d;
SELECT COUNT(*) AS m FROM [Sales Data].[Big Lines] WHERE [Region Code] LIKE 'N' AND [Line Qty] = '2';
SELECT COUNT(DISTINCT LEFT([Region Code], 1)) AS v FROM [Sales Data].[Order Lines];
