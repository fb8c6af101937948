-- rule: CATCH sees ERROR_NUMBER() and ERROR_MESSAGE() of the error
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/try-catch-transact-sql
-- expect: [[{"n": 8134, "m": "Divide by zero error encountered."}]]
-- test
BEGIN TRY
  SELECT 1 / 0 AS never;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m;
END CATCH
