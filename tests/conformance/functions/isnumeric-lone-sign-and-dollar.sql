-- rule: ISNUMERIC returns 1 for a lone plus or minus sign and for the dollar sign (the documentation names these characters), and for a dollar amount that converts to money; a sign next to the symbol or blanks around a lone sign stay refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
-- expect: [[{"plus": 1, "minus": 1, "dollar": 1, "amount": 1, "word": 0}]]
-- test
DECLARE @Amount varchar(12) = '$12.50';
SELECT ISNUMERIC('+') AS plus, ISNUMERIC('-') AS minus, ISNUMERIC('$') AS dollar, ISNUMERIC(@Amount) AS amount, ISNUMERIC('$ USD') AS word;
