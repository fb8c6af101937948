-- rule: a product of two money values exactly halfway between two ten-thousandths (1.0001 * 0.5 = 0.50005): the pages show a product more than halfway rounded up, none whether one at or below halfway goes up, down or to even, so it is refused where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/
-- expect-refused: a product of money values whose fifth and later decimals are half a ten-thousandth or less
-- test
DECLARE @UnitPrice money = 1.0001, @Discount money = 0.5;
SELECT @UnitPrice * @Discount AS Net;
