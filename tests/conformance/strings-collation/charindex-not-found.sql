-- rule: CHARINDEX returns 0 when not found and is 1-based
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/charindex-transact-sql
-- expect: [[{"a": 0, "b": 3}]]
-- test
SELECT CHARINDEX('z', 'abc') AS a, CHARINDEX('c', 'abc') AS b;
