-- rule: without XACT_ABORT a caught divide by zero leaves the transaction committable (XACT_STATE 1; SET ARITHABORT: with ANSI_WARNINGS ON an arithmetic error ends the query, not the batch) and COMMIT keeps the earlier work; the emulator cannot, so it refuses
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- expect-refused: COMMIT after error 8134
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
