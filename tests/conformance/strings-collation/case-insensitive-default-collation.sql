-- rule: SQL_Latin1_General_CP1_CI_AS compares case-insensitively
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect: [[{"v": 1}]]
-- test
SELECT CASE WHEN 'ABC' = 'abc' THEN 1 ELSE 0 END AS v;
