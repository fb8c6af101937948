-- rule: the usual pattern: ROLLBACK in CATCH undoes the transaction, then @@TRANCOUNT is 0
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/try-catch-transact-sql
-- expect: [[{"n": 0, "tc": 0, "err": 8134}]]
-- test
CREATE TABLE #t (x int);
DECLARE @err int;
BEGIN TRY
  BEGIN TRANSACTION;
  INSERT INTO #t VALUES (1);
  DECLARE @z int = 0;
  SET @z = 1 / @z;
  COMMIT TRANSACTION;
END TRY
BEGIN CATCH
  SET @err = ERROR_NUMBER();
  IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
END CATCH
SELECT COUNT(*) AS n, @@TRANCOUNT AS tc, @err AS err FROM #t;
