-- rule: integer division truncates the fractional part toward zero
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/divide-transact-sql
-- expect: [[{"q": 2, "r": -2}]]
-- test
SELECT 7 / 3 AS q, -7 / 3 AS r;
