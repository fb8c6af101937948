-- rule: CHOOSE converts its index to int (3.7 picks the third value), returns NULL for an index outside the list, and returns the values' type of highest precedence (int and decimal: decimal)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/logical-functions-choose-transact-sql
-- expect: [[{"a": null, "b": "b", "c": "c", "d": null, "e": 2.5, "f": 1.0}]]
CREATE TABLE dbo.X (Id int)
GO
-- test
DECLARE @i int = 2, @none int = NULL;
SELECT CHOOSE(0, 'a', 'b') AS a, CHOOSE(@i, 'a', 'b') AS b, CHOOSE(3.7, 'a', 'b', 'c') AS c, CHOOSE(@none, 'a') AS d, CHOOSE(@i, 1, 2.5) AS e, CHOOSE(1, 1, 2.5) AS f;
