-- rule: whether a conversion error (245) outside TRY ends the statement or the batch is not documented: what runs after it is refused, located at the failed statement
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect-refused: going on after error 245
-- test
DECLARE @i int;
SET @i = CAST('abc' AS int);
SELECT 1 AS x;
