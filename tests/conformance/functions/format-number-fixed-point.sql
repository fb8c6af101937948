-- rule: FORMAT of an exact number with the standard numeric formats N[n] (thousands separators) and F[n] (none), en-US: n decimals, 2 by default, a midpoint rounded away from zero as .NET Framework (which FORMAT runs on) does; a negative value keeps its minus sign
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/format-transact-sql
-- expect: [[{"a": "1,234,567.89", "b": "1,234.50", "c": "-1,234.57", "d": "2.35", "e": "1,234", "f": "7.000", "g": "1", "h": "-1234.6", "i": null}]]
-- test
DECLARE @m money = 1234.5, @n int = 1234, @x decimal(10,3) = NULL;
SELECT FORMAT(1234567.891, 'N2') AS a, FORMAT(@m, 'N') AS b, FORMAT(-1234.565, 'N2', 'en-US') AS c, FORMAT(2.345, 'F2') AS d,
       FORMAT(@n, 'N0') AS e, FORMAT(7, 'F3') AS f, FORMAT(0.5, 'N0') AS g, FORMAT(-1234.55, 'F1') AS h, FORMAT(@x, 'N2') AS i;
