-- rule: CAST of date, time and datetime2 to text uses style 121 with the type's fractional digits; datetime and smalldatetime use style 0
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"d0": "2026-01-31 18:26:20", "d3": "2026-01-31 18:26:20.500", "t": "10:15:00.0000000", "d": "2026-01-31", "dt": "Jan 31 2026  6:26PM", "c": "at 2026-01-31 18:26:20"}]]
-- test
DECLARE @d0 datetime2(0) = '2026-01-31 18:26:20', @d3 datetime2(3) = '2026-01-31 18:26:20.5', @t time = '10:15', @d date = '2026-01-31', @dt datetime = '2026-01-31 18:26:20';
SELECT CAST(@d0 AS varchar(30)) AS d0, CAST(@d3 AS varchar(30)) AS d3, CAST(@t AS varchar(30)) AS t, CAST(@d AS varchar(30)) AS d, CAST(@dt AS varchar(30)) AS dt, CONCAT('at ', @d0) AS c;
