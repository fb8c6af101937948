-- rule: under XACT_ABORT OFF whether error 530 leaves the transaction committable is not documented (the query hints page rolls back only the statement's effects; the SET XACT_ABORT page: "in some cases only the statement is rolled back"): XACT_STATE() in the CATCH block is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect-refused: XACT_STATE()
CREATE TABLE dbo.Series (k int NOT NULL);
GO
-- test
SET XACT_ABORT OFF;
BEGIN TRY
  BEGIN TRANSACTION;
  INSERT INTO dbo.Series (k) VALUES (0);
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  INSERT INTO dbo.Series (k) SELECT k FROM s OPTION (MAXRECURSION 10);
  COMMIT;
END TRY
BEGIN CATCH
  SELECT XACT_STATE() AS xs;
  ROLLBACK;
END CATCH
