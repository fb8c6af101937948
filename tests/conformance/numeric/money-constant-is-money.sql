-- rule: a constant written with a currency symbol ($12.5) is money, not decimal: CEILING($123.45) is money 124.00 (the CEILING page's example), $10 / 4 divides money by an int and stays money (2.50 as text), $12.5 * 2 is money 25.00, and a money constant with two decimals does not make a decimal(4,2) of the product
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/constants-transact-sql
-- expect: [[{"c": "124.00", "q": "2.50", "p": "25.00", "s": "1.23"}]]
-- test
SELECT CAST(CEILING($123.45) AS varchar(20)) AS c,
  CAST($10 / 4 AS varchar(20)) AS q,
  CAST($12.5 * 2 AS varchar(20)) AS p,
  CAST($1.2345 AS varchar(20)) AS s;
