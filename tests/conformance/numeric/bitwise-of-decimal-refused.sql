-- rule: & | ^ take integer, bit and binary operands only; a decimal operand is error 402, never computed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/bitwise-and-transact-sql
-- expect-refused: | of a decimal value
-- test
DECLARE @Reading decimal(9,2) = 12.00;
SELECT @Reading | 1 AS [Flagged];
