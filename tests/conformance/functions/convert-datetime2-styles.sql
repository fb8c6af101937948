-- rule: CONVERT of datetime2 to text with styles 121 and 126 shows all seven fractional digits; 120 stops at seconds
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"s121": "2007-05-02 19:58:47.1234567", "s126": "2007-05-02T19:58:47.1234567", "s120": "2007-05-02 19:58:47", "s23": "2007-05-02"}]]
-- test
DECLARE @v datetime2 = '2007-05-02 19:58:47.1234567';
SELECT CONVERT(varchar(30), @v, 121) AS s121, CONVERT(varchar(30), @v, 126) AS s126, CONVERT(varchar(30), @v, 120) AS s120, CONVERT(varchar(10), @v, 23) AS s23;
