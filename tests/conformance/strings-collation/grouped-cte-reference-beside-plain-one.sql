-- rule: DISTINCT or GROUP BY over one reference of a CTE leaves another reference of the same CTE (a UNION ALL branch beside it) row by row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/with-common-table-expression-transact-sql
-- expect: [[{"n": 5}], [{"n": 5}]]
-- test
DECLARE @t TABLE (Name varchar(10));
INSERT INTO @t VALUES ('a'), ('a '), ('b');
WITH c AS (SELECT Name FROM @t)
SELECT COUNT(*) AS n FROM (SELECT DISTINCT Name FROM c UNION ALL SELECT Name FROM c) d;
WITH c AS (SELECT Name FROM @t)
SELECT COUNT(*) AS n FROM (SELECT Name, COUNT(*) AS k FROM c GROUP BY Name UNION ALL SELECT Name, 1 FROM c) d;
