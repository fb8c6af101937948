-- rule: CONVERT between binary and text knows styles 0, 1 and 2 only; any other style is refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: CONVERT between binary and text with style 3
-- test
SELECT CONVERT(varchar(20), 0x41, 3) AS s;
