-- rule: real to text keeps at most 6 significant digits; a real whose own 7 digits end in a 5 is halfway between two 6-digit texts, and how SQL Server rounds it is not documented: refused where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: converting the real 2.345675 to text
-- test
DECLARE @Qty real = 2.345675;
SELECT 'QTY;' + CONVERT(varchar(30), @Qty) AS [Line Text];
