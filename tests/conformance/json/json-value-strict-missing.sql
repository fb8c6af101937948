-- rule: in strict mode JSON_VALUE raises an error when the path does not exist
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/json-value-transact-sql
-- expect-error: 13608
-- test
SELECT JSON_VALUE(N'{"a":1}', 'strict $.b') AS v;
