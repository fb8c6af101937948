-- rule: DATEDIFF counts datepart boundaries crossed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect: [[{"y": 1, "d": 1, "m": 1}]]
-- test
SELECT DATEDIFF(year, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000') AS y,
  DATEDIFF(day, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000') AS d,
  DATEDIFF(minute, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000') AS m;
