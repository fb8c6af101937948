-- rule: the state of error 530 is not documented (the error list gives its severity, 16, and its text only): ERROR_STATE() in the CATCH block is refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/database-engine-events-and-errors-0-to-999
-- expect-refused: ERROR_STATE()
CREATE TABLE dbo.Series (k int NOT NULL);
GO
-- test
BEGIN TRY
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  INSERT INTO dbo.Series (k) SELECT k FROM s OPTION (MAXRECURSION 10);
END TRY
BEGIN CATCH
  SELECT ERROR_STATE() AS st;
END CATCH
