-- rule: ISO 8601 with Z (UTC) converts to datetime
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"v": "2004-05-23 14:25:10.000"}]]
-- test
SELECT CAST('2004-05-23T14:25:10Z' AS datetime) AS v;
