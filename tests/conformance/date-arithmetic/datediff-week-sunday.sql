-- rule: DATEDIFF(week) counts Sundays crossed, whatever DATEFIRST
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect: [[{"w": 1, "w0": 0}]]
-- test
SELECT DATEDIFF(week, '2005-12-31', '2006-01-01') AS w, DATEDIFF(week, '2006-01-01', '2006-01-07') AS w0;
