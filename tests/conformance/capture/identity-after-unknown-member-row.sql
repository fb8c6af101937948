-- rule: an explicit identity value that is not larger than the table's current identity value does not move it (SET IDENTITY_INSERT): a dimension holding only its unknown member (-1, inserted explicitly) under IDENTITY(1,1) numbers its first generated row with the seed, 1; a table holding generated rows numbers on from the largest
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-identity-insert-transact-sql
-- expect: [[{"CustomerKey": -1, "Code": "UNKNOWN"}, {"CustomerKey": 1, "Code": "C001"}], [{"ProductKey": -1, "Code": "UNKNOWN"}, {"ProductKey": 7, "Code": "P007"}, {"ProductKey": 8, "Code": "P008"}]]
-- input: dbo.DimCustomer
--| CustomerKey,Code
--| -1,UNKNOWN
-- input: dbo.DimProduct
--| ProductKey,Code
--| -1,UNKNOWN
--| 7,P007
CREATE TABLE dbo.DimCustomer (CustomerKey int IDENTITY(1,1) PRIMARY KEY, Code varchar(10) NOT NULL);
GO
CREATE TABLE dbo.DimProduct (ProductKey int IDENTITY(1,1) PRIMARY KEY, Code varchar(10) NOT NULL);
GO
-- test
INSERT INTO dbo.DimCustomer (Code) VALUES ('C001');
INSERT INTO dbo.DimProduct (Code) VALUES ('P008');
SELECT CustomerKey, Code FROM dbo.DimCustomer ORDER BY CustomerKey;
SELECT ProductKey, Code FROM dbo.DimProduct ORDER BY ProductKey;
