-- rule: DATENAME(month) is the month name of the session language (us_english)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datename-transact-sql
-- expect: [[{"v": "October"}]]
-- test
SELECT DATENAME(month, '2007-10-30 12:15:32.1234567') AS v;
