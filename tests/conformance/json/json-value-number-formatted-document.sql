-- rule: JSON_VALUE returns a number's text as written, whatever the spaces and line breaks around it in the document
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/json-value-transact-sql
-- expect: [[{"price": "15.25", "qty": "3"}]]
-- test
DECLARE @j nvarchar(max) = N'{
  "price": 15.25,
  "qty": 3
}';
SELECT JSON_VALUE(@j, '$.price') AS price, JSON_VALUE(@j, '$.qty') AS qty;
