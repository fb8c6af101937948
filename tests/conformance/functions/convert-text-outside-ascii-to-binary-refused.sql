-- rule: varchar converted to binary gives the bytes of its code page; a character outside ASCII is refused where met, never written as UTF-8
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: converting varchar text holding NUL or a character outside ASCII to binary
-- test
DECLARE @s varchar(20) = 'café';
SELECT CAST(@s AS varbinary(20)) AS b;
