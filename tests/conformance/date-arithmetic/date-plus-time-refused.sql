-- rule: date + time does not compile (Msg 402: the data types date and time are incompatible in the add operator)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/add-transact-sql
-- expect-refused: incompatible in the add operator
-- test
DECLARE @day date = '2016-02-08', @start time(0) = '22:00:00';
SELECT @day + @start AS v;
