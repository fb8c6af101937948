-- rule: without a type constraint ISJSON returns 1 only for a valid JSON object or array, 0 otherwise, NULL for NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isjson-transact-sql
-- expect: [[{"o": 1, "a": 1, "s": 0, "bad": 0, "n": null}]]
-- test
SELECT ISJSON('{"a":1}') AS o, ISJSON('[1,2]') AS a, ISJSON('"text"') AS s, ISJSON('{a:1') AS bad, ISJSON(NULL) AS n;
