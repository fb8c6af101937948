-- rule: LEN excludes trailing spaces, not leading ones
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/len-transact-sql
-- expect: [[{"a": 3, "b": 5}]]
-- test
SELECT LEN('abc   ') AS a, LEN('  abc') AS b;
