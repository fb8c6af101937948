-- rule: SET DATEFIRST n makes day n of the week (1 Monday … 7 Sunday) weekday 1 and the day weeks start on for DATEPART(week); @@DATEFIRST returns it; us_english's default is 7
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-datefirst-transact-sql
-- expect: [[{"df": 7, "mon": 2, "sun": 1, "wk6": 1, "wk7": 2}], [{"df": 1, "mon": 1, "sun": 7, "wk7": 1, "wk8": 2}], [{"df": 3, "mon": 6, "wed": 1}]]
-- test
DECLARE @mon date = '2024-01-01', @sat date = '2024-01-06', @sun date = '2024-01-07', @nextMon date = '2024-01-08', @wed date = '2024-01-03';
SELECT @@DATEFIRST AS df, DATEPART(weekday, @mon) AS mon, DATEPART(dw, @sun) AS sun, DATEPART(week, @sat) AS wk6, DATEPART(wk, @sun) AS wk7;
SET DATEFIRST 1;
SELECT @@DATEFIRST AS df, DATEPART(weekday, @mon) AS mon, DATEPART(dw, @sun) AS sun, DATEPART(week, @sun) AS wk7, DATEPART(ww, @nextMon) AS wk8;
SET DATEFIRST 3;
SELECT @@DATEFIRST AS df, DATEPART(weekday, @mon) AS mon, DATEPART(weekday, @wed) AS wed;
