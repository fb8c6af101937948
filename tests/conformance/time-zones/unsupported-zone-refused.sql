-- rule: a zone whose Windows rules the emulator does not hold is refused, naming it and the zones supported
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/at-time-zone-transact-sql
-- expect-refused: AT TIME ZONE 'E. Europe Standard Time'
-- test
DECLARE @ReadAt datetime2(0) = '2026-07-15 12:00:00';
SELECT CONVERT(date, @ReadAt AT TIME ZONE 'E. Europe Standard Time') AS LocalDay;
