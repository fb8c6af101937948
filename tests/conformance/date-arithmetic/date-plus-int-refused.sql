-- rule: date + int is an operand type clash (Msg 206): only datetime and smalldatetime add days
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/date-transact-sql
-- expect-refused: Operand type clash
-- test
DECLARE @d date = '2020-01-01';
SELECT @d + 1 AS v;
