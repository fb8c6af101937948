-- rule: LTRIM removes leading blanks, RTRIM trailing ones
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/ltrim-transact-sql
-- expect: [[{"l": "Five spaces", "r": "  x"}]]
-- test
SELECT LTRIM('     Five spaces') AS l, RTRIM('  x   ') AS r;
