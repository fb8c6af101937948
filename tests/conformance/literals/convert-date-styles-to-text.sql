-- rule: CONVERT writes datetime in the documented date and time styles; style 126 leaves out a millisecond value of 0; a date in the ODBC styles is the date alone
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"s0": "Jan 15 2008  5:44PM", "s106": "15 Jan 2008", "s107": "Jan 15, 2008", "s109": "Jan 15 2008  5:44:09:953PM", "s113": "15 Jan 2008 17:44:09:953", "s114": "17:44:09:953", "s126": "2012-11-07T18:26:20", "d121": "2026-01-31"}]]
-- test
DECLARE @dt datetime = '2008-01-15 17:44:09.953', @z datetime = '2012-11-07 18:26:20', @d date = '2026-01-31';
SELECT CONVERT(varchar(30), @dt, 0) AS s0, CONVERT(varchar(30), @dt, 106) AS s106, CONVERT(varchar(30), @dt, 107) AS s107,
       CONVERT(varchar(30), @dt, 109) AS s109, CONVERT(varchar(30), @dt, 113) AS s113, CONVERT(varchar(30), @dt, 114) AS s114,
       CONVERT(varchar(30), @z, 126) AS s126, CONVERT(varchar(30), @d, 121) AS d121;
