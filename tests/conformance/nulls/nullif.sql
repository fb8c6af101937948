-- rule: NULLIF returns NULL when both arguments are equal, else the first
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/nullif-transact-sql
-- expect: [[{"a": null, "b": 5}]]
-- test
SELECT NULLIF(5, 5) AS a, NULLIF(5, 7) AS b;
