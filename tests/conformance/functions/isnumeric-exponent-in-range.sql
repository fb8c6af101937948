-- rule: ISNUMERIC is 1 for text float accepts, an exponent included ('12e4', a phone number keyed as 1-2-e-4 and stripped of its dashes), padded with blanks, and 0 for text with other letters
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
-- expect: [[{"a": 1, "b": 1, "c": 1, "d": 0, "e": 1}]]
-- test
SELECT ISNUMERIC('12e4') AS a, ISNUMERIC(' 1.5E-3 ') AS b, ISNUMERIC('1e308') AS c, ISNUMERIC('n/a') AS d, ISNUMERIC('00442079460958') AS e;
