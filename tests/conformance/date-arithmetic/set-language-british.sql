-- rule: SET LANGUAGE British sets DATEFORMAT dmy and DATEFIRST 1; day and month names stay English
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-language-transact-sql
-- expect: [[{"dw": 1, "df": 1, "txt": "Monday February", "d": "2016-02-22"}]]
-- test
SET LANGUAGE British;
DECLARE @d datetime = '22/02/2016';
SELECT DATEPART(dw, @d) AS dw, @@DATEFIRST AS df, DATENAME(weekday, @d) + ' ' + DATENAME(month, @d) AS txt, CONVERT(varchar(10), @d, 23) AS d;
