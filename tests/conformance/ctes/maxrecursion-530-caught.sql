-- rule: error 530 (MAXRECURSION exhausted, severity 16) is caught by TRY…CATCH: ERROR_NUMBER() 530, ERROR_SEVERITY() 16, the message with the limit, and the INSERT's rows are rolled back
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect: [[{"n": 530, "sev": 16, "msg": "The statement terminated. The maximum recursion 10 has been exhausted before statement completion.", "rows": 0}]]
CREATE TABLE dbo.Series (k int NOT NULL);
GO
-- test
BEGIN TRY
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  INSERT INTO dbo.Series (k) SELECT k FROM s OPTION (MAXRECURSION 10);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_SEVERITY() AS sev, ERROR_MESSAGE() AS msg, (SELECT COUNT(*) FROM dbo.Series) AS [rows];
END CATCH
