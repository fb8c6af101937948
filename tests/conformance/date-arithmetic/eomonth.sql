-- rule: EOMONTH returns the last day of the month as date
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/eomonth-transact-sql
-- expect: [[{"v": "2011-12-31"}]]
-- test
DECLARE @d datetime = '2011-12-01';
SELECT EOMONTH(@d) AS v;
