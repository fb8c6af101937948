-- rule: SET DATEFORMAT ydm reads 2008/31/12 as datetime 31 December 2008
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-dateformat-transact-sql
-- expect: [[{"v": "2008-12-31 00:00:00.000"}]]
-- test
SET DATEFORMAT ydm;
DECLARE @datevar datetime = '2008/31/12';
SELECT @datevar AS v;
