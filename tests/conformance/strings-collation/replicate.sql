-- rule: REPLICATE repeats a string n times
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/replicate-transact-sql
-- expect: [[{"v": "00005"}]]
-- test
SELECT REPLICATE('0', 4) + '5' AS v;
