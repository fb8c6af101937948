-- rule: AVG of money is money; a mean with more than four decimals is refused where it is met; the value is met while its statement runs, so the refusal names where the AVG starts besides the statement
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql
-- expect-refused: is not documented; the AVG at tests/conformance/numeric/money-average-refused-names-the-avg.sql:13:7)
-- input: dbo.Claim
--| MemberID,BilledAmt
--| 1,250.00
--| 1,45.00
--| 1,45.00
CREATE TABLE dbo.Claim (MemberID int NOT NULL, BilledAmt money NOT NULL)
GO
-- test
SELECT MemberID, COUNT(*) AS Claims,
      AVG(BilledAmt) AS AvgBilled
FROM dbo.Claim
GROUP BY MemberID;
