-- rule: FLOOR and CEILING of a decimal(p,s) return decimal(p,0), so dividing them by an int (decimal(10,0)) follows decimal division: decimal(29,0) / decimal(10,0) has scale max(6, 0 + 10 + 1) = 11 and precision 40, cut to 38 keeping scale min(11, 38 - 29) = 9, the quotient truncated there (decimal(18,0) / decimal(10,0) keeps scale 11)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"f": "1682", "q": "16.820000000", "c": "0.500000000", "t": "0.33333333333"}]]
-- test
DECLARE @avg decimal(18,6) = 16.821428, @half decimal(18,6) = 0.4999, @h int = 100, @three int = 3;
SELECT CAST(FLOOR(@avg * @h) AS varchar(50)) AS f,
  CAST(FLOOR(@avg * @h) / @h AS varchar(50)) AS q,
  CAST(CEILING(@half * @h) / @h AS varchar(50)) AS c,
  CAST(CEILING(@half) / @three AS varchar(50)) AS t;
