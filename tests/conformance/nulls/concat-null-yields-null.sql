-- rule: + with a NULL string yields NULL; CONCAT treats NULL as empty
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/concat-transact-sql
-- expect: [[{"plus": null, "fn": "ab"}]]
-- test
DECLARE @n varchar(10) = NULL;
SELECT 'a' + @n AS plus, CONCAT('a', @n, 'b') AS fn;
