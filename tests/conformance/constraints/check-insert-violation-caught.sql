-- rule: an INSERT whose row makes a CHECK constraint FALSE fails with error 547 and writes nothing; CATCH sees 547
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect: [[{"n": 547}], [{"c": 1}]]
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0));
GO
-- test
INSERT INTO dbo.Stock (Sku, Qty) VALUES ('A-1', 5);
BEGIN TRY
  INSERT INTO dbo.Stock (Sku, Qty) VALUES ('B-2', -1);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
END CATCH
SELECT COUNT(*) AS c FROM dbo.Stock;
