-- rule: a comparison with NULL is UNKNOWN, so neither branch of = / <> is true
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/null-and-unknown-transact-sql
-- expect: [[{"eq": 0, "ne": 0}]]
-- test
DECLARE @n int = NULL;
SELECT CASE WHEN @n = 1 THEN 1 ELSE 0 END AS eq, CASE WHEN @n <> 1 THEN 1 ELSE 0 END AS ne;
