-- rule: GREATEST and LEAST ignore NULL arguments and return NULL only when every argument is NULL; arguments of one type give that type
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/logical-functions-greatest-transact-sql
-- expect: [[{"g": 4.25, "l": 1.50, "n": null}]]
-- test
DECLARE @a decimal(5,2) = 1.50, @b decimal(5,2) = NULL, @c decimal(5,2) = 4.25;
SELECT GREATEST(@a, @b, @c) AS g, LEAST(@b, @c, @a) AS l, GREATEST(@b, NULL) AS n;
