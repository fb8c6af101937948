-- rule: a float can hold negative zero (a small negative amount rounded to 0); whether its text is '-0' or '0' is not documented, so the emulator refuses it where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: converting a negative zero float to text
-- test
DECLARE @Adj float = -0.001;
SELECT 'ADJ;' + CAST(ROUND(@Adj, 2) AS varchar(30)) AS [Line Text];
