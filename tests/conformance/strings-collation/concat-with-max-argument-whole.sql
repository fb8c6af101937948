-- rule: CONCAT with a varchar(max) or nvarchar(max) argument returns the whole value; short results are never cut
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/concat-transact-sql
-- expect: [[{"m": 10000, "s": 6}]]
-- test
DECLARE @a varchar(5000) = REPLICATE('a', 5000), @m varchar(max) = REPLICATE(CAST('b' AS varchar(max)), 5000);
SELECT LEN(CONCAT(@a, @m)) AS m, LEN(CONCAT('ab', 12, 'cd')) AS s;
