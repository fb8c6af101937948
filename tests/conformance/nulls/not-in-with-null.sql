-- rule: NOT IN a list holding NULL is never true (the comparison with NULL is UNKNOWN)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/in-transact-sql
-- expect: [[{"n": 0}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2);
SELECT COUNT(*) AS n FROM @t WHERE x NOT IN (3, NULL);
