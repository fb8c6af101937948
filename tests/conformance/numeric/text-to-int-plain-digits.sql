-- rule: text with an optional sign and digits, blanks around, converts to int ('' is 0); TRY_CAST gives NULL for what CAST refuses; text in arithmetic with an int converts to int first ('5' + 3 is 8, '10' / 3 is 3)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/try-cast-transact-sql
-- expect: [[{"a": 42, "b": 0, "c": 7, "d": -3, "e": 1, "f": 1, "g": 8, "h": 8, "i": 2, "j": 15, "k": 3}]]
-- test
SELECT CAST(' 42 ' AS int) AS a, CAST('' AS int) AS b, CAST('+7' AS int) AS c, CAST('-3' AS smallint) AS d,
  CASE WHEN TRY_CAST('1.5' AS int) IS NULL THEN 1 ELSE 0 END AS e, CASE WHEN TRY_CAST('1e3' AS int) IS NULL THEN 1 ELSE 0 END AS f,
  '5' + 3 AS g, 3 + '5' AS h, '5' - 3 AS i, '5' * 3 AS j, '10' / 3 AS k;
