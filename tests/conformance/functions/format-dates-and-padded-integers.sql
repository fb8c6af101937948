-- rule: FORMAT writes a date or time value through a .NET custom format string in the session's culture (us_english: en-US, '/' and ':' as separators, English month and day names, AM/PM), and an integer with 'D' or 'Dn' (at least n digits, the sign in front) or a custom run of zeros; NULL formats as NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/format-transact-sql
-- expect: [[{"a": "31/07/2016", "b": "Sunday, July 31, 2016 12:00:00 AM", "c": "20160905", "d": "2016-09-05 00:01:02", "e": "Sep 16", "f": "12:1:2 A", "g": "13:04:05.678", "h": "01 PM", "i": "2024-01-02T13:04", "j": "000042", "k": "-007", "l": "42", "m": null, "n": "Sun 31"}]]
-- test
DECLARE @d date = '2016-07-31';
DECLARE @dt datetime = '2016-09-05 00:01:02.333';
DECLARE @d2 datetime2(3) = '2024-01-02 13:04:05.678';
DECLARE @n int = 42, @neg int = -7;
DECLARE @none date = NULL;
SELECT FORMAT(@d, 'dd/MM/yyyy', 'en-US') AS a,
  FORMAT(@d, 'dddd, MMMM dd, yyyy hh:mm:ss tt', 'en-US') AS b,
  FORMAT(@dt, 'yyyyMMdd') AS c,
  FORMAT(@dt, 'yyyy-MM-dd HH:mm:ss') AS d,
  FORMAT(@dt, 'MMM yy') AS e,
  FORMAT(@dt, 'h:m:s t') AS f,
  FORMAT(@d2, 'HH:mm:ss.fff') AS g,
  FORMAT(@d2, 'hh tt') AS h,
  FORMAT(@d2, 'yyyy-MM-ddTHH:mm') AS i,
  FORMAT(@n, 'D6') AS j,
  FORMAT(@neg, '000') AS k,
  FORMAT(@n, 'D') AS l,
  FORMAT(@none, 'yyyy') AS m,
  FORMAT(@d, 'ddd d') AS n;
