-- rule: smalldatetime rounds 29.998 seconds down and 29.999 up to the minute
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/smalldatetime-transact-sql
-- expect: [[{"down": "2000-05-08 12:35:00", "up": "2000-05-08 12:36:00"}]]
-- test
SELECT CAST('2000-05-08 12:35:29.998' AS smalldatetime) AS down, CAST('2000-05-08 12:35:29.999' AS smalldatetime) AS up;
