-- rule: a UTC instant AT TIME ZONE 'Central European Standard Time' is shown at +01:00 in winter and +02:00 in summer
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/at-time-zone-transact-sql
-- expect: [[{"Winter": "2026-01-15 13:00:00 +01:00", "Summer": "2026-07-15 14:00:00 +02:00", "SummerClock": "2026-07-15 14:00:00"}]]
-- test
DECLARE @WinterUtc datetime2(0) = '2026-01-15 12:00:00', @SummerUtc datetime2(0) = '2026-07-15 12:00:00';
SELECT CAST(@WinterUtc AT TIME ZONE 'UTC' AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS Winter,
       CAST(@SummerUtc AT TIME ZONE 'UTC' AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS Summer,
       CONVERT(varchar(19), CAST(@SummerUtc AT TIME ZONE 'UTC' AT TIME ZONE 'Central European Standard Time' AS datetime2(0)), 120) AS SummerClock;
