-- rule: a number whose text is longer than the target is never cut: an int into char/varchar becomes *, a decimal fails with 8115 (Arithmetic overflow error converting numeric to data type varchar)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"a": "*", "b": "12", "c": "*", "e": 8115}]]
-- test
DECLARE @e int;
DECLARE @d decimal(7,2) = 12345.67;
BEGIN TRY SELECT @e = LEN(CAST(@d AS varchar(4))); END TRY BEGIN CATCH SET @e = ERROR_NUMBER(); END CATCH
SELECT CAST(12345 AS varchar(3)) AS a, CAST(12 AS varchar(3)) AS b, CAST(-5 AS char(1)) AS c, @e AS e;
