-- rule: SWITCHOFFSET keeps the offset it is given whatever the season; AT TIME ZONE of a zone takes its summer offset
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/switchoffset-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/queries/at-time-zone-transact-sql
-- expect: [[{"Switched": "2026-07-15 13:00:00 +01:00", "Zoned": "2026-07-15 14:00:00 +02:00"}]]
-- test
DECLARE @ReadAt datetimeoffset(0) = '2026-07-15 12:00:00 +00:00';
SELECT CAST(SWITCHOFFSET(@ReadAt, '+01:00') AS varchar(34)) AS Switched,
       CAST(@ReadAt AT TIME ZONE 'W. Europe Standard Time' AS varchar(34)) AS Zoned;
