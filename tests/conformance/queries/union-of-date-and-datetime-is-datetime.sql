-- rule: a UNION ALL column of date on one side and datetime on the other is datetime (data type precedence): the date becomes midnight and the datetime keeps its time, as CONVERT style 121 writes them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql
-- expect: [[{"at": "2021-06-30 00:00:00.000"}, {"at": "2021-06-30 17:45:10.000"}]]
-- test
DECLARE @PeriodEnd date = '2021-06-30', @LastPosting datetime = '2021-06-30T17:45:10';
SELECT CONVERT(varchar(23), m.Moment, 121) AS at
FROM (SELECT @PeriodEnd AS Moment UNION ALL SELECT @LastPosting) AS m
ORDER BY m.Moment;
