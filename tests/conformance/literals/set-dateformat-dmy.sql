-- rule: SET DATEFORMAT dmy reads 31/12/2008 as 31 December
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-dateformat-transact-sql
-- expect: [[{"v": "2008-12-31 09:01:01.1234567"}]]
-- test
SET DATEFORMAT dmy;
DECLARE @datevar datetime2 = '31/12/2008 09:01:01.1234567';
SELECT @datevar AS v;
