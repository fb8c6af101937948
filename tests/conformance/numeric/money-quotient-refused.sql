-- rule: a negative money quotient with more than four decimals: the pages show positive quotients truncated, none whether a negative one goes toward zero or down, so it is refused where it is met, never guessed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/ ; https://adamhutson.com/2009/11/20/money-vs-decimal-data-types-in-sql-server/
-- expect-refused: a negative quotient of money values with more than four decimals
-- test
DECLARE @Refund money = -10.00, @Parts int = 3;
SELECT @Refund / @Parts AS x;
