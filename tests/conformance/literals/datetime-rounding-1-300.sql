-- rule: datetime rounds to .000, .003 or .007 seconds
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"a": "1998-01-02 00:00:00.000", "b": "1998-01-01 23:59:59.997", "c": "1998-01-01 23:59:59.997", "d": "1998-01-01 23:59:59.993", "e": "1998-01-01 23:59:59.990"}]]
-- test
SELECT CAST('01/01/98 23:59:59.999' AS datetime) AS a, CAST('01/01/98 23:59:59.995' AS datetime) AS b,
  CAST('01/01/98 23:59:59.998' AS datetime) AS c, CAST('01/01/98 23:59:59.992' AS datetime) AS d, CAST('01/01/98 23:59:59.991' AS datetime) AS e;
