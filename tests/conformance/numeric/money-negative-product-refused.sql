-- rule: a negative product of two money values with more than four decimals (a credit note -18.4172 times 1.1562): the pages show a positive product rounded, none negative, so it is refused where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/
-- expect-refused: a negative product of money values with more than four decimals
-- test
DECLARE @Credit money = -18.4172, @Markup money = 1.1562;
SELECT @Credit * @Markup AS Gross;
