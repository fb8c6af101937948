-- rule: a SELECT assigning a variable row by row that stops at its MAXRECURSION limit may have assigned some rows' values before the error ("partial results or no results may be returned"; variables are no data a rollback restores): the variable after the CATCH block is unknown, so the statement is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect-refused: partial results
-- test
DECLARE @v int = 0;
BEGIN TRY
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  SELECT @v = k FROM s OPTION (MAXRECURSION 10);
END TRY
BEGIN CATCH
END CATCH
SELECT @v AS v;
