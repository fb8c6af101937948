-- rule: OPENJSON without WITH returns key, value and type (0 null, 1 string, 2 number, 3 true/false, 4 array, 5 object); key is Latin1_General_BIN2, read here under the database's collation (a plain read of a property name is refused: json-key-collation.test.ts)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect: [[{"key": "a", "value": null, "type": 0}, {"key": "b", "value": "x", "type": 1}, {"key": "c", "value": "2", "type": 2}, {"key": "d", "value": "true", "type": 3}, {"key": "e", "value": "[1]", "type": 4}, {"key": "f", "value": "{}", "type": 5}]]
-- test
SELECT [key] COLLATE DATABASE_DEFAULT AS [key], value, type FROM OPENJSON(N'{"a":null,"b":"x","c":2,"d":true,"e":[1],"f":{}}');
