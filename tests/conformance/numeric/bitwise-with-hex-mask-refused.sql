-- rule: a binary operand of & | ^ (a hex mask) is valid, but how its bytes are read as the integer is not documented: refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/bitwise-operators-transact-sql
-- expect-refused: & with a binary operand
-- test
DECLARE @StatusWord int = 127;
SELECT @StatusWord & 0x0F AS [Low Nibble];
