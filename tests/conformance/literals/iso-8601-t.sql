-- rule: ISO 8601 yyyy-mm-ddThh:mm:ss[.mmm] is independent of DATEFORMAT
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"v": "2004-05-23 14:25:10.487"}]]
-- test
SET DATEFORMAT dmy;
DECLARE @v datetime = '2004-05-23T14:25:10.487';
SELECT @v AS v;
