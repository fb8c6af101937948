-- rule: IS NULL is the only test that finds NULLs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/is-null-transact-sql
-- expect: [[{"eq": 0, "isnull": 1}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (NULL), (1);
SELECT (SELECT COUNT(*) FROM @t WHERE x = NULL) AS eq, (SELECT COUNT(*) FROM @t WHERE x IS NULL) AS isnull;
