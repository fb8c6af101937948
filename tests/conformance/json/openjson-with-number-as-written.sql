-- rule: OPENJSON … WITH converts a number's text as written: 2.50 into decimal is 2.50 (trailing zeros, spaces around the document do not matter); a number whose written text DuckDB would reprint (1e2 as 100.0) is refused, even read from an array element
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect: [[{"No": 1, "Price": "2.50"}, {"No": 2, "Price": "10.00"}]]
-- test
DECLARE @j nvarchar(max) = N'{ "lines": [
    { "no": 1, "price": 2.50 },
    { "no": 2, "price": 10.0 }
] }';
SELECT No, Price FROM OPENJSON(@j, '$.lines') WITH (No int '$.no', Price decimal(10,2) '$.price') ORDER BY No;
