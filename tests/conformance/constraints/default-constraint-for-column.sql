-- rule: ALTER TABLE … ADD CONSTRAINT DF DEFAULT (value) FOR column gives the column a default, used by an INSERT that omits it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect: [[{"Sku": "A-1", "Qty": 7, "Src": "manual"}]]
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL, Src varchar(10) NOT NULL);
GO
ALTER TABLE [dbo].[Stock] ADD CONSTRAINT [DF_Stock_Qty] DEFAULT ((7)) FOR [Qty], CONSTRAINT [DF_Stock_Src] DEFAULT ('manual') FOR [Src];
GO
-- test
INSERT INTO dbo.Stock (Sku) VALUES ('A-1');
SELECT Sku, Qty, Src FROM dbo.Stock;
