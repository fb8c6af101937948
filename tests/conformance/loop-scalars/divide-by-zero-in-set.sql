-- rule: dividing an int variable by zero is error 8134
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/divide-transact-sql
-- expect-error: 8134
-- test
DECLARE @a int = 1, @z int = 0, @q int;
SET @q = @a / @z;
