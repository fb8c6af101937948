-- rule: DATEDIFF of microseconds of a datetime reads its 1/300 s tick, whose microsecond the documentation does not state
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect-refused: DATEDIFF(microsecond, …) of a datetime value
-- test
DECLARE @a datetime = '2026-03-29 01:00:00.997', @b datetime2(7) = '2026-03-29 01:00:01';
SELECT DATEDIFF(microsecond, @a, @b) AS v;
