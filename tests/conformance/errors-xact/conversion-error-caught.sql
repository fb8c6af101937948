-- rule: a failed varchar to int conversion is error 245, which CATCH sees
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"n": 245}]]
-- test
BEGIN TRY
  DECLARE @i int;
  SET @i = CAST('abc' AS int);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
END CATCH
