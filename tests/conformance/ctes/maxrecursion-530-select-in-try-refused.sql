-- rule: a SELECT that returns rows and stops at the MAXRECURSION limit may have returned part of its rows or none ("partial results or no results may be returned"): which, the client's result sets do not tell, so it is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect-refused: partial results
-- test
BEGIN TRY
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  SELECT k FROM s OPTION (MAXRECURSION 10);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
END CATCH
