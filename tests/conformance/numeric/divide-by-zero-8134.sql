-- rule: integer division by zero raises error 8134
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/divide-transact-sql
-- expect-error: 8134
-- test
DECLARE @z int = 0;
SELECT 1 / @z AS v;
