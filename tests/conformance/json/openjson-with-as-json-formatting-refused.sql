-- rule: OPENJSON … WITH (… AS JSON) returns the object or array as written in the document, its spaces included; DuckDB re-serializes each element, so a fragment of a formatted document is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect-refused: this JSON value
-- test
DECLARE @j nvarchar(max) = N'[ { "id": 1, "tags": [ "a", "b" ] } ]';
SELECT Id, Tags FROM OPENJSON(@j) WITH (Id int '$.id', Tags nvarchar(max) '$.tags' AS JSON);
