-- rule: OPENJSON … WITH (… AS JSON) returns the object or array of each element as written (a compact document's fragments are exact)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect: [[{"Id": 1, "Tags": "[\"a\",\"b\"]", "Doc": "{\"id\":1,\"tags\":[\"a\",\"b\"]}"}]]
-- test
DECLARE @j nvarchar(max) = N'[{"id":1,"tags":["a","b"]}]';
SELECT Id, Tags, Doc FROM OPENJSON(@j) WITH (Id int '$.id', Tags nvarchar(max) '$.tags' AS JSON, Doc nvarchar(max) '$' AS JSON);
