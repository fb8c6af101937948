-- rule: a view is queried like a table; a view may select from another view; a column list renames the view's columns
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-view-transact-sql
-- expect: [[{"ProductName": "APPLE", "Stock": 5}]]
-- input: dbo.Product
--| Id,Name,Qty
--| 1,apple,5
--| 2,pear,0
--| 3,plum,2
CREATE TABLE dbo.Product (Id int NOT NULL, Name varchar(20) NULL, Qty int NULL);
GO
CREATE VIEW dbo.InStock AS SELECT Id, Name, Qty FROM dbo.Product WHERE Qty > 0;
GO
CREATE VIEW dbo.[Big Stock] (ProductName, Stock) AS SELECT UPPER(Name), Qty FROM dbo.InStock WHERE Qty >= 5;
GO
-- test
SELECT ProductName, Stock FROM dbo.[big stock];
