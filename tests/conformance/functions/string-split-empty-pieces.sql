-- rule: STRING_SPLIT returns one row per substring, empty substrings included when separators are consecutive
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-split-transact-sql
-- expect: [[{"n": 4, "empties": 1}]]
-- test
SELECT COUNT(*) AS n, SUM(CASE WHEN value = '' THEN 1 ELSE 0 END) AS empties FROM STRING_SPLIT('a,b,,c', ',');
