-- rule: nested BEGIN TRANSACTION increments @@TRANCOUNT; COMMIT decrements it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/trancount-transact-sql
-- expect: [[{"a": 2, "b": 1, "c": 0}]]
-- test
DECLARE @a int, @b int;
BEGIN TRAN;
BEGIN TRAN;
SET @a = @@TRANCOUNT;
COMMIT;
SET @b = @@TRANCOUNT;
COMMIT;
SELECT @a AS a, @b AS b, @@TRANCOUNT AS c;
