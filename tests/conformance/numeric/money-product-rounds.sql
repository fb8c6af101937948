-- rule: a product of two money values more than halfway to the next ten-thousandth is rounded up to four decimals (not truncated, as money division is): 18.4172 * 1.1562 is 21.2940 (exact 21.29396664)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/
-- expect: [[{"Gross": "21.2940", "Stored": "21.2940"}]]
-- test
DECLARE @Price money = 18.4172, @Markup money = 1.1562, @Gross money;
SET @Gross = @Price * @Markup;
SELECT CONVERT(varchar(30), @Price * @Markup, 2) AS Gross, CONVERT(varchar(30), @Gross, 2) AS Stored;
