-- rule: ISNUMERIC returns 1 when the text converts to a numeric type (signs, a decimal point, an exponent, blanks around) and 0 for NULL, empty text and text holding letters; DuckDB's reading of 'inf' as a number does not carry over
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
-- expect: [[{"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 0, "g": 0, "h": 0, "i": 0, "j": 0, "k": 0, "l": 1}]]
-- test
DECLARE @n varchar(10) = NULL;
SELECT ISNUMERIC('123') AS a, ISNUMERIC('-1.5e3') AS b, ISNUMERIC(' 42 ') AS c, ISNUMERIC('.5') AS d, ISNUMERIC('1.') AS e,
  ISNUMERIC('') AS f, ISNUMERIC('abc') AS g, ISNUMERIC('12A') AS h, ISNUMERIC('N/A') AS i, ISNUMERIC(@n) AS j, ISNUMERIC('inf') AS k, ISNUMERIC(12.5) AS l;
