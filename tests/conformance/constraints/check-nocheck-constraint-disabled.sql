-- rule: ALTER TABLE … NOCHECK CONSTRAINT disables a CHECK constraint: rows that violate it are stored until CHECK CONSTRAINT enables it again
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect: [[{"Sku": "A-1", "Qty": -3}]]
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL);
GO
ALTER TABLE dbo.Stock WITH CHECK ADD CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0);
GO
ALTER TABLE dbo.Stock NOCHECK CONSTRAINT CK_Stock_Qty;
GO
-- test
INSERT INTO dbo.Stock (Sku, Qty) VALUES ('A-1', -3);
SELECT Sku, Qty FROM dbo.Stock;
