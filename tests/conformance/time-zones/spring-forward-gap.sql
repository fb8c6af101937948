-- rule: a local time in the spring-forward gap is converted with the offset before the change: moved ahead by the gap and shown at the summer offset; the edges 01:59:59 and 03:00 are plain
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/at-time-zone-transact-sql
-- expect: [[{"BeforeGap": "2026-03-29 01:59:59 +01:00", "GapStart": "2026-03-29 03:00:00 +02:00", "InGap": "2026-03-29 03:30:00 +02:00", "AfterGap": "2026-03-29 03:00:00 +02:00"}]]
-- test
SELECT CAST(CAST('2026-03-29 01:59:59' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS BeforeGap,
       CAST(CAST('2026-03-29 02:00:00' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS GapStart,
       CAST(CAST('2026-03-29 02:30:00' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS InGap,
       CAST(CAST('2026-03-29 03:00:00' AS datetime2(0)) AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS AfterGap;
