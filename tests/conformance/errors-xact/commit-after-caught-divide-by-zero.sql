-- rule: without XACT_ABORT a caught divide by zero leaves the transaction committable (XACT_STATE 1; SET ARITHABORT: with ANSI_WARNINGS ON an arithmetic error ends the query, not the batch), the failing INSERT writes nothing, and COMMIT in CATCH keeps the earlier work
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- expect: [[{"n": 1, "s": 1, "tc": 0}]]
-- test
CREATE TABLE #t (x int);
BEGIN TRY
  BEGIN TRANSACTION;
  INSERT INTO #t VALUES (1);
  INSERT INTO #t VALUES (1 / 0);
  COMMIT TRANSACTION;
END TRY
BEGIN CATCH
  IF XACT_STATE() = 1 COMMIT TRANSACTION;
END CATCH
SELECT COUNT(*) AS n, SUM(x) AS s, @@TRANCOUNT AS tc FROM #t;
