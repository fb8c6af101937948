-- rule: a table of another database is not this database's table of the same schema and name: without a script creating it under that name the emulator refuses rather than read the local one
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/transact-sql-syntax-conventions-transact-sql#multipart-names
-- expect-refused: Invalid object name 'RefData.dbo.Adjustment'
-- input: dbo.Adjustment
--| CustomerId,Amount
--| 10,1.00
CREATE TABLE dbo.Adjustment (CustomerId int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
-- test
SELECT t.CustomerId, t.Amount FROM RefData.dbo.Adjustment AS t;
