-- rule: SQL Server stores no row that makes an enabled CHECK constraint FALSE, so an input row that does cannot be a real table's content: the capture refuses to load it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect-refused: violates the CHECK constraint CK_Stock_Qty
-- input: dbo.Stock
--| Sku,Qty
--| A-1,-4
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0));
GO
-- test
SELECT Sku, Qty FROM dbo.Stock;
