-- rule: an int compared with text converts the text to int (so Id = '1.5' fails with 245 and Id = '2' matches 2), and text converts to decimal only without an exponent ('1e3' fails with 8114)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"e1": 245, "e2": 8114, "n": 1}]]
-- test
DECLARE @e1 int, @e2 int, @n int;
DECLARE @t TABLE (Id int);
INSERT INTO @t VALUES (2);
BEGIN TRY SELECT @n = COUNT(*) FROM @t WHERE Id = '1.5'; END TRY BEGIN CATCH SET @e1 = ERROR_NUMBER(); END CATCH
BEGIN TRY SELECT @n = CAST('1e3' AS decimal(10,2)); END TRY BEGIN CATCH SET @e2 = ERROR_NUMBER(); END CATCH
SELECT @n = COUNT(*) FROM @t WHERE Id = '2';
SELECT @e1 AS e1, @e2 AS e2, @n AS n;
