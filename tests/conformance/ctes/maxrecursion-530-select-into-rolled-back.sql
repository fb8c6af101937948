-- rule: a SELECT … INTO stopped at its MAXRECURSION limit leaves nothing behind ("all effects of the statement are rolled back"): after the CATCH block the same #table can be made again
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect: [[{"n": 530}], [{"k": 7}]]
-- test
BEGIN TRY
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
  SELECT k INTO #series FROM s OPTION (MAXRECURSION 10);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
END CATCH
SELECT 7 AS k INTO #series;
SELECT k FROM #series;
