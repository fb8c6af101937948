-- rule: without OPTION (MAXRECURSION) the limit is 100: a recursion deeper than that fails with 530 in the statement, so the statements after it in the TRY block do not run and the CATCH block reads 530 and the limit in the message
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/with-common-table-expression-transact-sql
-- expect: [[{"n": 530, "msg": "The statement terminated. The maximum recursion 100 has been exhausted before statement completion.", "v": -1}]]
-- test
DECLARE @v int = -1;
BEGIN TRY
  WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 500)
  SELECT k INTO #never FROM s;
  SET @v = 99;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS msg, @v AS v;
END CATCH
