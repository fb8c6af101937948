-- rule: us_english reads m/d/yyyy (DATEFORMAT mdy)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"v": "1899-12-30 00:00:00.000"}]]
-- test
DECLARE @v datetime = '12/30/1899';
SELECT @v AS v;
