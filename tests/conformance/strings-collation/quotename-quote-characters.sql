-- rule: QUOTENAME(s, q) delimits s with q's pair ([] by default, also ' " ( ) < > { } `), doubling the closing delimiter inside; another q or more than 128 characters gives NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/quotename-transact-sql
-- expect: [[{"b": "[abc[]]def]", "s": "'O''Brien'", "d": "\"a\"\"b\"", "p": "(a))b)", "a": "<x>>y>", "c": "{z}", "bad": null, "long": null}]]
-- test
SELECT QUOTENAME('abc[]def') AS b,
       QUOTENAME('O''Brien', '''') AS s,
       QUOTENAME('a"b', '"') AS d,
       QUOTENAME('a)b', ')') AS p,
       QUOTENAME('x>y', '<') AS a,
       QUOTENAME('z', '}') AS c,
       QUOTENAME('x', '!') AS bad,
       QUOTENAME(REPLICATE('x', 129)) AS long;
