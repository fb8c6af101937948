-- rule: DATEPART(millisecond) is 0-999 (the DATEPART page's example: '00:00:01.1234567' is 123); a datetime ending in .xx0 or .xx3 gives the same millisecond at every compatibility level
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datepart-transact-sql
-- expect: [[{"ms": 123, "ms3": 183, "ms0": 180}]]
-- test
DECLARE @d3 datetime = '2021-11-09 13:52:29.183', @d0 datetime = '2021-11-09 13:52:29.180';
SELECT DATEPART(millisecond, '00:00:01.1234567') AS ms, DATEPART(millisecond, @d3) AS ms3, DATEPART(millisecond, @d0) AS ms0;
