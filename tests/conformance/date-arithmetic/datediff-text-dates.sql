-- rule: DATEDIFF reads text arguments as dates (unseparated ISO included)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect: [[{"d": 31}]]
-- test
SELECT DATEDIFF(day, '20200101', '2020-02-01') AS d;
