-- rule: a three-part name database.schema.object names the table of that database; this database's table of the same schema and name is another table
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/transact-sql-syntax-conventions-transact-sql#multipart-names
-- expect: [[{"CustomerId": 10, "Here": "1.00", "There": "4.00"}]]
-- input: dbo.Adjustment
--| CustomerId,Amount
--| 10,1.00
-- input: RefData.dbo.Adjustment
--| CustomerId,Amount
--| 10,4.00
CREATE TABLE dbo.Adjustment (CustomerId int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE RefData.dbo.Adjustment (CustomerId int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
-- test
SELECT h.CustomerId, h.Amount AS Here, t.Amount AS There
FROM dbo.Adjustment AS h
JOIN RefData.dbo.Adjustment AS t ON t.CustomerId = h.CustomerId;
