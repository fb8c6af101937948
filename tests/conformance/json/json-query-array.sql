-- rule: JSON_QUERY returns an object or array; in lax mode a scalar gives NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/json-query-transact-sql
-- expect: [[{"tags": "[\"a\",\"b\"]", "scalar": null}]]
-- test
SELECT JSON_QUERY(N'{"tags":["a","b"],"n":1}', '$.tags') AS tags, JSON_QUERY(N'{"tags":["a","b"],"n":1}', '$.n') AS scalar;
