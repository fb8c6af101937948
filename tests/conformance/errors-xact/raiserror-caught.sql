-- rule: RAISERROR severity 16 is caught with error number 50000
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/raiserror-transact-sql
-- expect: [[{"n": 50000, "m": "Value 5 too big", "s": 16}]]
-- test
BEGIN TRY
  RAISERROR('Value %d too big', 16, 1, 5);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m, ERROR_SEVERITY() AS s;
END CATCH
