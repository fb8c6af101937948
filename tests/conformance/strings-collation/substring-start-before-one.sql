-- rule: SUBSTRING with start < 1 counts the missing characters in the length
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/substring-transact-sql
-- expect: [[{"v": "a"}]]
-- test
SELECT SUBSTRING('abcdef', 0, 2) AS v;
