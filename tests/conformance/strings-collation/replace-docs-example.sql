-- rule: REPLACE replaces every occurrence (case-insensitive under the default collation)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/replace-transact-sql
-- expect: [[{"a": "abxxxfghixxx", "b": "abxxxfghixxx"}]]
-- test
SELECT REPLACE('abcdefghicde', 'cde', 'xxx') AS a, REPLACE('abcdefghiCDE', 'cde', 'xxx') AS b;
