-- rule: smallmoney divided by smallmoney or an integer stays smallmoney; with more than four decimals no page shows how it is cut (money's pages only), so it is refused where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect-refused: a quotient of smallmoney values with more than four decimals
-- test
DECLARE @Tip smallmoney = 10.00, @Guests int = 3;
SELECT @Tip / @Guests AS PerGuest;
