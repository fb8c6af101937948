-- rule: a money quotient the emulator cannot settle (here negative, with more than four decimals) is refused where it is met; the value is met while its statement runs, so the refusal names where the quotient starts besides the statement
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/
-- expect-refused: is not documented; the / at tests/conformance/numeric/money-quotient-refused-names-the-operator.sql:11:8)
-- test
DECLARE @m money = -1, @t money = 3;
SELECT
    @m AS m,
    @t AS t,
    @m * 2 AS twice,
    CAST(
      (@m / @t) * 100 AS decimal(5,2)) AS pct;
