-- rule: rows tying on a rank are ordered by text after it; two of them whose first difference is a hyphen may be in either order under the database's collation (word sort or not), so the emulator refuses them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rank-transact-sql
-- expect-refused: ORDER BY
-- input: dbo.G
--| Code,A
--| AB,4
--| A-C,4
--| X,9
CREATE TABLE dbo.G (Code varchar(5), A money)
GO
-- test
SELECT g.Code, RANK() OVER (ORDER BY SUM(g.A) DESC) AS Rnk
FROM dbo.G g
GROUP BY g.Code
ORDER BY Rnk, g.Code;
