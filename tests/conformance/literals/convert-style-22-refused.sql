-- rule: style 22 (mm/dd/yy hh:mi:ss AM) pads its hour as the documentation does not say: refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: CONVERT style 22 of a datetime value
-- test
DECLARE @dt datetime = '2008-01-15 17:44:09.953';
SELECT CONVERT(varchar(30), @dt, 22) AS s;
