-- rule: unseparated yyyymmdd is read the same under every DATEFORMAT and language
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/date-transact-sql
-- expect: [[{"d": "2011-12-01", "dt": "2020-01-01 00:00:00.000"}]]
-- test
DECLARE @d date = '20111201', @dt datetime = '20200101';
SELECT @d AS d, @dt AS dt;
