-- rule: ALTER TABLE … DROP CONSTRAINT removes a CHECK constraint written on its column, so a later INSERT is no longer checked against it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect: [[{"Qty": -2}]]
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0));
GO
ALTER TABLE dbo.Stock DROP CONSTRAINT CK_Stock_Qty;
GO
-- test
INSERT INTO dbo.Stock (Sku, Qty) VALUES ('A-1', -2);
SELECT Qty FROM dbo.Stock;
