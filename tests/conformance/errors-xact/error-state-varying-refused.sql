-- rule: an arithmetic overflow (8115) is raised with a state that depends on the code path that raised it, so a CATCH logging ERROR_STATE() has no one answer
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-state-transact-sql
-- expect-refused: ERROR_STATE() of error 8115
-- test
DECLARE @small decimal(4,2);
BEGIN TRY SET @small = 123.45; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_STATE() AS s; END CATCH
