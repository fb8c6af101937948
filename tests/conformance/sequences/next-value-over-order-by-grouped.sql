-- rule: NEXT VALUE FOR … OVER (ORDER BY …) numbers the rows of a grouped query in the ORDER BY's order; a descending sequence counts down
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect: [[{"InvoiceNo": -1, "CustomerId": 3, "Total": "99.99"}, {"InvoiceNo": -2, "CustomerId": 7, "Total": "14.75"}, {"InvoiceNo": -3, "CustomerId": 9, "Total": "1.00"}]]
-- input: dbo.Charges
--| CustomerId,Amount
--| 7,10.50
--| 9,1.00
--| 7,4.25
--| 3,99.99
CREATE SEQUENCE dbo.S AS int START WITH -1 INCREMENT BY -1;
CREATE TABLE dbo.Charges (CustomerId int NOT NULL, Amount decimal(12,2) NOT NULL);
GO
-- test
SELECT NEXT VALUE FOR dbo.S OVER (ORDER BY c.CustomerId) AS InvoiceNo, c.CustomerId, SUM(c.Amount) AS Total
FROM dbo.Charges c GROUP BY c.CustomerId;
