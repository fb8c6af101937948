-- rule: under SET XACT_ABORT ON a run-time error (530 here) in a transaction makes it uncommittable in the CATCH block: XACT_STATE() -1, and the ROLLBACK takes back the work before it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect: [[{"xs": -1, "n": 530}], [{"rows": 0}]]
CREATE TABLE dbo.Series (k int NOT NULL);
GO
-- test
SET XACT_ABORT ON;
BEGIN TRY
  BEGIN TRANSACTION;
  INSERT INTO dbo.Series (k) VALUES (0);
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  INSERT INTO dbo.Series (k) SELECT k FROM s OPTION (MAXRECURSION 10);
  COMMIT;
END TRY
BEGIN CATCH
  SELECT XACT_STATE() AS xs, ERROR_NUMBER() AS n;
  ROLLBACK;
END CATCH
SELECT COUNT(*) AS [rows] FROM dbo.Series;
