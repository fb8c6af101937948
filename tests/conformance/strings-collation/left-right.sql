-- rule: LEFT and RIGHT return the leftmost/rightmost n characters
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/left-transact-sql
-- expect: [[{"l": "ab", "r": "fg"}]]
-- test
SELECT LEFT('abcdefg', 2) AS l, RIGHT('abcdefg', 2) AS r;
