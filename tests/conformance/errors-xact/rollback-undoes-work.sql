-- rule: ROLLBACK TRANSACTION undoes the work and sets @@TRANCOUNT to 0
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/rollback-transaction-transact-sql
-- expect: [[{"n": 0, "tc": 0}]]
-- test
CREATE TABLE #t (x int);
BEGIN TRANSACTION;
INSERT INTO #t VALUES (1);
ROLLBACK TRANSACTION;
SELECT (SELECT COUNT(*) FROM #t) AS n, @@TRANCOUNT AS tc;
