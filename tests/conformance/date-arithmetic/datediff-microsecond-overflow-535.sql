-- rule: DATEDIFF of microseconds past int (more than 35 min 47.483647 s) fails with 535, of nanoseconds past 2.147483647 s too; DATEDIFF_BIG counts on
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect: [[{"n": 535}], [{"n": 535}], [{"ok": 2147483647, "big": 3600000000, "bigns": 2147483648}]]
-- test
DECLARE @a datetime2(7) = '2026-03-29 01:00:00', @b datetime2(7) = '2026-03-29 02:00:00';
BEGIN TRY SELECT DATEDIFF(microsecond, @a, @b) AS v; END TRY
BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH
BEGIN TRY SELECT DATEDIFF(nanosecond, @a, '2026-03-29 01:00:02.1474837') AS v; END TRY
BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH
SELECT DATEDIFF(nanosecond, @a, '2026-03-29 01:00:02.1474836') + 47 AS ok,
  DATEDIFF_BIG(microsecond, @a, @b) AS big,
  DATEDIFF_BIG(nanosecond, @a, '2026-03-29 01:00:02.1474836') + 48 AS bigns;
