-- rule: a unique nvarchar key that already holds N'Æsir Ltd' rejects N'aesir ltd' (æ equals ae, case ignored) with 2627, which the CATCH of an insert-else-update upsert turns into an UPDATE of the existing row
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"CustomerName": "Æsir Ltd", "Orders": 2}]]
-- input: dbo.Customer
--| CustomerId,CustomerName,Orders
--| 1,Æsir Ltd,1
CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, CustomerName nvarchar(60) NOT NULL UNIQUE, Orders int NOT NULL);
GO
-- test
BEGIN TRY
  INSERT INTO dbo.Customer (CustomerId, CustomerName, Orders) VALUES (2, N'aesir ltd', 1);
END TRY
BEGIN CATCH
  IF ERROR_NUMBER() = 2627 UPDATE dbo.Customer SET Orders = Orders + 1 WHERE CustomerId = 1;
END CATCH
SELECT CustomerName, Orders FROM dbo.Customer;
