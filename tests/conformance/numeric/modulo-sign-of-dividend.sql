-- rule: the result of % has the sign of the dividend
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/modulo-transact-sql
-- expect: [[{"a": 2, "b": -2, "c": 2}]]
-- test
SELECT 38 % 3 AS a, -38 % 3 AS b, 38 % -3 AS c;
