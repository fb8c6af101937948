-- rule: a synonym names its base object: a query that reads the synonym reads the table it stands for, in another schema too
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-synonym-transact-sql
-- expect: [[{"Region": "North", "Customers": 2}, {"Region": "South", "Customers": 1}]]
-- input: Sales.[Customer List]
--| Id,Region
--| 1,North
--| 2,South
--| 3,North
CREATE TABLE Sales.[Customer List] (Id int NOT NULL, Region varchar(10) NULL);
GO
CREATE SYNONYM dbo.[Cust.Syn] FOR Sales.[Customer List];
GO
-- test
SELECT c.Region, COUNT(*) AS Customers FROM dbo.[Cust.Syn] AS c GROUP BY c.Region ORDER BY c.Region;
