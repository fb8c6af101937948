-- rule: under DATEFORMAT dmy, 12/31/2008 is not a date (error 241)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-dateformat-transact-sql
-- expect-error: 241
-- test
SET DATEFORMAT dmy;
DECLARE @datevar datetime2 = '12/31/2008 09:01:01.1234567';
SELECT @datevar AS v;
