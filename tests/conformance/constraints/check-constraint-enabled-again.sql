-- rule: CHECK CONSTRAINT ALL enables again what NOCHECK CONSTRAINT ALL disabled, so a violating INSERT fails with 547
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect-error: 547
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0));
GO
ALTER TABLE dbo.Stock NOCHECK CONSTRAINT ALL;
GO
ALTER TABLE dbo.Stock WITH CHECK CHECK CONSTRAINT ALL;
GO
-- test
INSERT INTO dbo.Stock (Sku, Qty) VALUES ('A-1', -3);
