-- rule: a cursor over a recursive CTE that goes past its MAXRECURSION limit may hand out rows before the error ("partial results or no results may be returned"), at OPEN or at a later FETCH, which the documentation does not say: refused when a CATCH block takes the error
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect-refused: partial results
-- test
DECLARE @v int = 0, @k int;
BEGIN TRY
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR
    WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
    SELECT k FROM s OPTION (MAXRECURSION 10);
  OPEN c;
  FETCH NEXT FROM c INTO @k;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @v = @v + @k;
    FETCH NEXT FROM c INTO @k;
  END
END TRY
BEGIN CATCH
END CATCH
SELECT @v AS v;
