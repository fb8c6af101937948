-- rule: without XACT_ABORT a caught error leaves the transaction committable (XACT_STATE 1) and COMMIT keeps the earlier work; the emulator cannot, so it refuses
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- expect-refused: COMMIT after an error
-- test
CREATE TABLE #t (x int);
BEGIN TRY
  BEGIN TRANSACTION;
  INSERT INTO #t VALUES (1);
  SELECT 1 / 0 AS boom;
  COMMIT TRANSACTION;
END TRY
BEGIN CATCH
  IF XACT_STATE() = 1 COMMIT TRANSACTION;
END CATCH
SELECT COUNT(*) AS n FROM #t;
