-- rule: AVG of an int column returns int (the quotient truncated)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql
-- expect: [[{"v": 1}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2);
SELECT AVG(x) AS v FROM @t;
