-- rule: datetime + n adds n days
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"v": "2020-01-02 10:00:00.000"}]]
-- test
DECLARE @d datetime = '2020-01-01 10:00';
SELECT @d + 1 AS v;
