-- rule: a scalar subquery returning more than one row is error 512
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-local-variable-transact-sql
-- expect-error: 512
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2);
DECLARE @v int;
SET @v = (SELECT x FROM @t);
