-- rule: datetime + datetime adds the two as days past 1900-01-01 (a time of day put on a date); a time converts to datetime on 1900-01-01
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/add-transact-sql
-- expect: [[{"shiftStart": "2016-02-08 22:00:00.000"}]]
-- test
DECLARE @day date = '2016-02-08', @start time(0) = '22:00:00';
SELECT CONVERT(varchar(23), CAST(@day AS datetime) + CAST(@start AS datetime), 121) AS shiftStart;
