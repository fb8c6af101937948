-- rule: UNION removes duplicates as the collation compares them: text differing only in trailing blanks or case is one row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql
-- expect: [[{"n": 2}]]
-- test
SELECT COUNT(*) AS n FROM (SELECT 'a' AS x UNION SELECT 'A  ' UNION SELECT 'b') d;
