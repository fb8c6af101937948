-- rule: date, time and datetime2 do not convert to numbers (error 529, "Explicit conversion from data type date to float is not allowed."): refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: Explicit conversion from data type date to float is not allowed.
-- test
DECLARE @d date = '2026-01-31';
SELECT CAST(@d AS float) AS f;
