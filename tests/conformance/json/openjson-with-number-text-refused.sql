-- rule: OPENJSON … WITH into a text column returns the number as written (2.50, not 2.5); DuckDB reprints it, so the value is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect-refused: this JSON value
-- test
DECLARE @j nvarchar(max) = N'{"lines":[{"no":1,"price":2.50}]}';
SELECT No, Price FROM OPENJSON(@j, '$.lines') WITH (No int '$.no', Price varchar(10) '$.price');
