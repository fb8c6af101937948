-- rule: an integer in ORDER BY is the position of a select-list column (ORDER BY 2 DESC sorts by the second column), also where an INSERT … SELECT … ORDER BY numbers identity values by it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-order-by-clause-transact-sql
-- expect: [[{"Name": "c", "Code": 30}, {"Name": "b", "Code": 20}, {"Name": "a", "Code": 10}], [{"K": 1, "Code": 30}, {"K": 2, "Code": 20}, {"K": 3, "Code": 10}]]
-- input: dbo.Stage
--| Code,Name
--| 30,c
--| 10,a
--| 20,b
CREATE TABLE dbo.Stage (Code int NOT NULL, Name varchar(5) NOT NULL);
GO
CREATE TABLE dbo.Dim (K int IDENTITY(1,1) NOT NULL, Code int NOT NULL);
GO
-- test
SELECT Name, Code FROM dbo.Stage ORDER BY 2 DESC;
INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Stage ORDER BY 1 DESC;
SELECT K, Code FROM dbo.Dim ORDER BY K;
