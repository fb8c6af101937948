-- rule: datetime converts to float as days since the base date 1900-01-01 plus the fraction of the day; to int it rounds (noon goes to the next day); FLOOR of that float back to datetime strips the time
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"f": 46051.5, "n": 46052, "d": "2026-01-31 00:00:00.000"}]]
-- test
DECLARE @dt datetime = '2026-01-31 12:00';
SELECT CAST(@dt AS float) AS f, CAST(@dt AS int) AS n, CAST(FLOOR(CAST(@dt AS float)) AS datetime) AS d;
