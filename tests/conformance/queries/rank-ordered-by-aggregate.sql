-- rule: a ranking window of a grouped query may order by an aggregate, and the query may be ordered by that rank and then by text (ties of the rank in the text's order)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rank-transact-sql
-- expect: [[{"Code": "X", "W": "6.0000", "Rnk": 1}, {"Code": "Y", "W": "4.0000", "Rnk": 2}, {"Code": "Z", "W": "4.0000", "Rnk": 2}]]
-- input: dbo.G
--| Code,A,B
--| Z,2,2
--| X,1,2
--| X,3,
--| Y,4,
CREATE TABLE dbo.G (Code varchar(5), A money, B money)
GO
-- test
SELECT g.Code,
       SUM(ISNULL(g.A, 0) + ISNULL(g.B, 0)) AS W,
       RANK() OVER (ORDER BY SUM(ISNULL(g.A, 0) + ISNULL(g.B, 0)) DESC) AS Rnk
FROM dbo.G g
GROUP BY g.Code
ORDER BY Rnk, g.Code;
