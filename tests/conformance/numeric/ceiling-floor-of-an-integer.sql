-- rule: CEILING and FLOOR return the same type as their argument: of an integer, the integer itself (a bigint past 2^53 keeps every digit; an int divided by an int stays an int)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/ceiling-transact-sql
-- expect: [[{"c": "9007199254740993", "f": "-9007199254740993", "q": 3}]]
-- test
DECLARE @b bigint = 9007199254740993, @i int = 7;
SELECT CAST(CEILING(@b) AS varchar(30)) AS c,
  CAST(FLOOR(-@b) AS varchar(30)) AS f,
  CEILING(@i) / 2 AS q;
