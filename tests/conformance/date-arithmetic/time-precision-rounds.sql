-- rule: a conversion to time(n) rounds the fractional seconds to n digits (a datetime's .997 into time(0) is the next second)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/time-transact-sql
-- expect: [[{"t0": "08:07:30", "t2": "08:07:29.50", "col": "08:07:31"}]]
CREATE TABLE dbo.Shift (Id int NOT NULL, StartAt time(0) NOT NULL)
GO
-- test
DECLARE @punch datetime = '2016-02-08 08:07:29.997', @half datetime = '2016-02-08 08:07:30.503';
INSERT INTO dbo.Shift (Id, StartAt) VALUES (1, @half);
SELECT CONVERT(varchar(8), CONVERT(time(0), @punch), 108) AS t0,
       CONVERT(varchar(11), CAST(CAST('08:07:29.497' AS time(3)) AS time(2)), 121) AS t2,
       (SELECT CONVERT(varchar(8), StartAt, 108) FROM dbo.Shift) AS col;
