-- rule: REPLICATE of a value that is not varchar(max) or nvarchar(max) cuts its result at 8,000 bytes (8,000 varchar characters, 4,000 nvarchar); of a MAX value it is whole
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/replicate-transact-sql
-- expect: [[{"v": 8000, "n": 4000, "m": 9000}]]
-- test
SELECT LEN(REPLICATE('ab', 4500)) AS v, LEN(REPLICATE(N'x', 5000)) AS n, LEN(REPLICATE(CAST('a' AS varchar(max)), 9000)) AS m;
