-- rule: ISNULL and COALESCE return the first non-NULL argument
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/coalesce-transact-sql
-- expect: [[{"a": 5, "b": 7}]]
-- test
SELECT ISNULL(NULL, 5) AS a, COALESCE(NULL, NULL, 7) AS b;
