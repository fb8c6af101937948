-- rule: = pads the shorter string with blanks before comparing
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/equals-transact-sql
-- expect: [[{"v": 1}]]
-- test
SELECT CASE WHEN 'abc' = 'abc   ' THEN 1 ELSE 0 END AS v;
