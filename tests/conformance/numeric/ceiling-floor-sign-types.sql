-- rule: CEILING and FLOOR return a decimal argument's value without decimals and a money argument as money (CEILING($123.45) is 124.00); SIGN returns the argument's type, so a decimal's sign keeps its scale (SIGN(-2.5) is -1.0) and shows so as text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/ceiling-transact-sql
-- expect: [[{"c": "124", "cm": "124.00", "cmn": "-123.00", "fm": "123.00", "s": "-1.0", "si": "1", "sm": "-1.00"}]]
-- test
DECLARE @m money = 123.45, @mn money = -123.45, @d decimal(5,2) = -7.25;
SELECT CAST(CEILING(123.45) AS varchar(20)) AS c,
  CAST(CEILING(@m) AS varchar(20)) AS cm,
  CAST(CEILING(@mn) AS varchar(20)) AS cmn,
  CAST(FLOOR(@m) AS varchar(20)) AS fm,
  CAST(SIGN(-2.5) AS varchar(20)) AS s,
  CAST(SIGN(42) AS varchar(20)) AS si,
  CAST(SIGN(@d) AS varchar(20)) AS sm;
