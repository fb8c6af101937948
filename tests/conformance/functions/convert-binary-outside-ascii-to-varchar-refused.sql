-- rule: binary converted to varchar gives the characters of its bytes in the collation's code page; a byte outside ASCII is refused where met, never written as DuckDB's escaped text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: converting binary to varchar
-- test
DECLARE @b varbinary(8) = 0x41A9;
SELECT CAST(@b AS varchar(20)) AS s;
