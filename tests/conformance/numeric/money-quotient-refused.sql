-- rule: a money quotient (or product of two money values) with more than four decimals is rounded to money in a way SQL Server's documentation does not give (1.00 / 3.00 as money): refused where it is met, never guessed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect-refused: a quotient of money values with more than four decimals
-- test
DECLARE @m money = 1, @t money = 3;
SELECT @m / @t * @t AS x;
