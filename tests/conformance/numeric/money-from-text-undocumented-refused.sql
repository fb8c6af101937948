-- rule: text to money in a form the pages do not give a value for (commas not in groups of three, a sign beside the currency symbol, an exponent, empty text) is refused, never guessed
-- source: https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008-r2/ms188688(v=sql.105)
-- expect-refused: converting the text '1,2' to money
-- test
DECLARE @t varchar(10) = '1,2';
SELECT TRY_CONVERT(money, @t) AS v;
