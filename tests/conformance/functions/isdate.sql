-- rule: ISDATE is 1 for text that converts to datetime (any literal format; datetime's range), else 0
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isdate-transact-sql
-- expect: [[{"iso": 1, "unsep": 1, "mdy": 1, "bad": 0, "early": 0}]]
-- test
SELECT ISDATE('2009-05-12 10:19:41.177') AS iso, ISDATE('20090512') AS unsep, ISDATE('05/12/2009') AS mdy,
  ISDATE('2009-13-12') AS bad, ISDATE('1752-01-01') AS early;
