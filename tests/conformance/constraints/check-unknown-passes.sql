-- rule: a CHECK constraint rejects only values that make it FALSE; NULL makes it UNKNOWN, so the row is stored
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect: [[{"Sku": "A-1", "Qty": null}]]
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NULL CHECK (Qty >= 0));
GO
-- test
INSERT INTO dbo.Stock (Sku, Qty) VALUES ('A-1', NULL);
SELECT Sku, Qty FROM dbo.Stock;
