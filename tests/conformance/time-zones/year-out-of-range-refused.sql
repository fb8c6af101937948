-- rule: an instant before 2010, where Windows' and IANA's rules are not known to agree, is refused where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/at-time-zone-transact-sql
-- expect-refused: AT TIME ZONE 'Eastern Standard Time' at an instant before 2010-01-01
-- test
DECLARE @ReadAt datetime2(0) = '2006-04-01 12:00:00';
SELECT CONVERT(date, @ReadAt AT TIME ZONE 'UTC' AT TIME ZONE 'Eastern Standard Time') AS LocalDay;
