-- rule: DATEPART(weekday) under us_english (DATEFIRST 7) is 1 on Sunday, 7 on Saturday
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datepart-transact-sql
-- expect: [[{"sat": 7, "sun": 1}]]
-- test
SELECT DATEPART(weekday, '2007-04-21') AS sat, DATEPART(weekday, '2007-04-22') AS sun;
