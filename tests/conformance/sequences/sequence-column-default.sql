-- rule: a DEFAULT of NEXT VALUE FOR gives every inserted row its own next value, INSERT … SELECT included
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/sequence-numbers/sequence-numbers
-- expect: [[{"n": 3, "lo": 100, "hi": 102, "d": 3}]]
CREATE SEQUENCE dbo.OrderNo AS int START WITH 100;
GO
CREATE TABLE dbo.Orders (No int NOT NULL DEFAULT (NEXT VALUE FOR dbo.OrderNo), Item varchar(10) NOT NULL);
GO
-- test
INSERT INTO dbo.Orders (Item) SELECT v FROM (VALUES ('a'), ('b'), ('c')) AS x(v);
SELECT COUNT(*) AS n, MIN(No) AS lo, MAX(No) AS hi, COUNT(DISTINCT No) AS d FROM dbo.Orders;
