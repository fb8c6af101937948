-- rule: sp_rename 'schema.old', 'new' renames a table in its schema (the new name is one part, taken as written); later code, and a later sp_rename of a column, name it by its new name
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-rename-transact-sql
-- expect: [[{"Id": 1, "Amount": 5}, {"Id": 2, "Amount": null}]]
-- input: dbo.Order Staging
--| Id,Amount
--| 2,
--| 1,5
CREATE TABLE dbo.OrderStage (Id int NOT NULL PRIMARY KEY, Amt int NULL)
GO
EXEC sp_rename 'dbo.OrderStage', 'Order Staging';
GO
EXEC sp_rename N'[dbo].[Order Staging].Amt', N'Amount', N'COLUMN';
GO
-- test
SELECT Id, Amount FROM dbo.[Order Staging] ORDER BY Id;
