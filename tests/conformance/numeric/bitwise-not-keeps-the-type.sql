-- rule: ~ returns its operand's type: ~ of a bit flips 0 and 1, of tinyint (unsigned) 255 - x, of smallint/int two's complement
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/bitwise-not-transact-sql
-- expect: [[{"b1": 0, "b0": 1, "t": 250, "i": -6}]]
-- test
DECLARE @b bit = 1, @t tinyint = 5, @i int = 5;
SELECT ~@b AS b1, ~CAST(0 AS bit) AS b0, ~@t AS t, ~@i AS i;
