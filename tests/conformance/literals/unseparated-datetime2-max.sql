-- rule: datetime2 accepts yyyymmdd hh:mm:ss.fffffff up to 9999-12-31 23:59:59.9999999
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime2-transact-sql
-- expect: [[{"v": "9999-12-31 23:59:59.9999999", "d": "9999-12-31"}]]
-- test
DECLARE @v datetime2 = '99991231 23:59:59.9999999';
SELECT @v AS v, CAST(@v AS date) AS d;
