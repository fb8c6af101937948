-- rule: JSON_VALUE returns a scalar as text; in lax mode a missing path or an object/array gives NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/json-value-transact-sql
-- expect: [[{"town": "Bristol", "first": "a", "missing": null, "obj": null, "flag": "true"}]]
-- test
DECLARE @j nvarchar(max) = N'{"info":{"address":{"town":"Bristol"},"tags":["a","b"],"ok":true}}';
SELECT JSON_VALUE(@j, '$.info.address.town') AS town, JSON_VALUE(@j, '$.info.tags[0]') AS first,
       JSON_VALUE(@j, '$.info.nope') AS missing, JSON_VALUE(@j, 'lax $.info.address') AS obj, JSON_VALUE(@j, '$.info.ok') AS flag;
