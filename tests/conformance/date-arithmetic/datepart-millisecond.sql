-- rule: DATEPART(millisecond) is the milliseconds past the second (0-999), not past the minute
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datepart-transact-sql
-- expect: [[{"dt": 123, "dt2": 999, "t": 456}]]
-- test
DECLARE @dt datetime = '2016-02-08 06:52:33.123', @dt2 datetime2(3) = '2016-02-08 06:52:59.999', @t time(6) = '06:52:33.456789';
SELECT DATEPART(millisecond, @dt) AS dt, DATEPART(ms, @dt2) AS dt2, DATEPART(millisecond, @t) AS t;
