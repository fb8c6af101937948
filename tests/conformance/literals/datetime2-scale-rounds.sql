-- rule: datetime2(n) rounds the fraction to n digits
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime2-transact-sql
-- expect: [[{"v": "2007-05-02 19:58:47.123"}]]
-- test
DECLARE @v datetime2(3) = '2007-05-02 19:58:47.1234567';
SELECT @v AS v;
