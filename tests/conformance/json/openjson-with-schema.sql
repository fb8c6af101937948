-- rule: OPENJSON … WITH returns one row per element of the array at the path, each column read by its path and converted to its type
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect: [[{"Id": 1, "Name": "Ann", "Qty": 3}, {"Id": 2, "Name": "Bob", "Qty": null}]]
-- test
DECLARE @j nvarchar(max) = N'{"orders":[{"id":1,"customer":{"name":"Ann"},"qty":"3"},{"id":2,"customer":{"name":"Bob"}}]}';
SELECT Id, Name, Qty FROM OPENJSON(@j, '$.orders') WITH (Id int '$.id', Name varchar(10) '$.customer.name', Qty int '$.qty') ORDER BY Id;
