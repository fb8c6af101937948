-- rule: a CASE that reads ERROR_STATE() only for errors other than an arithmetic overflow (8115, whose state depends on the code path that raised it) runs: CASE evaluates only the result it picks
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/case-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/functions/error-state-transact-sql
-- expect: [[{"n": 8115, "s": null}]]
-- test
DECLARE @small decimal(4,2);
BEGIN TRY SET @small = 123.45; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, CASE WHEN ERROR_NUMBER() = 8115 THEN NULL ELSE ERROR_STATE() END AS s; END CATCH
