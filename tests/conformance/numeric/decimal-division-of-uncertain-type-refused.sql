-- rule: a CASE over a decimal(5,2) and the integer constant 1 has a precision that depends on how SQL Server types the constant in it (int, or numeric of its digits); a division of it, whose scale and digits follow from that precision, is refused rather than computed in floating point
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect-refused: decimal division where the precision of an operand is unknown
-- test
DECLARE @d decimal(5,2) = 1.5, @flag int = 1;
SELECT CASE WHEN @flag = 1 THEN @d ELSE 1 END / 7 AS h;
