-- rule: SUM of int returns int, so a total past 2,147,483,647 fails with arithmetic overflow 8115 (SUM of bigint would not)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/sum-transact-sql
-- expect-error: 8115
-- test
DECLARE @t TABLE (Amount int);
INSERT INTO @t VALUES (2147483647), (1);
SELECT SUM(Amount) AS total FROM @t;
