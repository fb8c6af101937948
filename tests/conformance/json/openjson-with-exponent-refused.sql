-- rule: OPENJSON … WITH returns a number's text as written (1e2 stays 1e2, and converting that text to decimal is not 100); DuckDB reprints it as 100.0, so the value is refused, never read as 100.00
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect-refused: this JSON value
-- test
DECLARE @j nvarchar(max) = N'{"lines":[{"no":1,"price":1e2}]}';
SELECT No, Price FROM OPENJSON(@j, '$.lines') WITH (No int '$.no', Price decimal(10,2) '$.price');
