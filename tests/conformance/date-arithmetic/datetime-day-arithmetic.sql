-- rule: datetime counts in days: a datetime minus a datetime is the datetime that far past 1900-01-01 (style 108 shows a duration's hh:mm:ss), and a number added to a datetime adds that many days, a fraction of a day included (0.5 is twelve hours)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/subtract-transact-sql
-- expect: [[{"took": "02:30:15", "days_between": 1, "half_day": "2024-01-02 00:00:00.000", "back_six_hours": "2024-01-01 06:00:00.000", "week": "2024-01-08"}]]
-- test
DECLARE @start datetime = '2024-01-01 08:00:00', @end datetime = '2024-01-02 10:30:15';
DECLARE @noon datetime = '2024-01-01 12:00';
SELECT CONVERT(varchar(8), @end - @start, 108) AS took,
  DATEDIFF(day, '1900-01-01', @end - @start) AS days_between,
  CONVERT(varchar(23), @noon + 0.5, 121) AS half_day,
  CONVERT(varchar(23), @noon - 0.25, 121) AS back_six_hours,
  CONVERT(varchar(10), @start + 7, 120) AS week;
