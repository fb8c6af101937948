-- rule: a local time in the fall-back overlap is the first of the two, at the summer offset (before the change); from 03:00 the standard offset
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/at-time-zone-transact-sql
-- expect: [[{"BeforeOverlap": "2026-10-25 01:59:59 +02:00", "OverlapStart": "2026-10-25 02:00:00 +02:00", "OverlapEnd": "2026-10-25 02:59:59 +02:00", "AfterOverlap": "2026-10-25 03:00:00 +01:00"}]]
-- test
SELECT CAST(CAST('2026-10-25 01:59:59' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS BeforeOverlap,
       CAST(CAST('2026-10-25 02:00:00' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS OverlapStart,
       CAST(CAST('2026-10-25 02:59:59' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS OverlapEnd,
       CAST(CAST('2026-10-25 03:00:00' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS AfterOverlap;
