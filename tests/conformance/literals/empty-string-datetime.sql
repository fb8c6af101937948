-- rule: the empty string converts to 1900-01-01 00:00:00.000
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"v": "1900-01-01 00:00:00.000"}]]
-- test
DECLARE @v datetime = '';
SELECT @v AS v;
