-- rule: @@ROWCOUNT is the number of rows the last statement affected
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rowcount-transact-sql
-- expect: [[{"n": 2}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2), (3);
DECLARE @n int;
UPDATE @t SET x = x + 10 WHERE x < 3;
SET @n = @@ROWCOUNT;
SELECT @n AS n;
