-- rule: with OVER (ORDER BY …) the values NEXT VALUE FOR returns are generated in the order the ORDER BY specifies, also in INSERT … SELECT
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect: [[{"Id": 100, "Code": "d"}, {"Id": 110, "Code": "c"}, {"Id": 120, "Code": "b"}, {"Id": 130, "Code": "a"}], [{"nxt": 140}]]
-- input: dbo.Src
--| Code
--| b
--| d
--| a
--| c
CREATE SEQUENCE dbo.S AS int START WITH 100 INCREMENT BY 10;
CREATE TABLE dbo.Src (Code varchar(5) NOT NULL);
CREATE TABLE dbo.Dst (Id int NOT NULL, Code varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.Dst (Id, Code)
SELECT NEXT VALUE FOR dbo.S OVER (ORDER BY Code DESC), Code FROM dbo.Src;
SELECT Id, Code FROM dbo.Dst ORDER BY Id;
SELECT NEXT VALUE FOR dbo.S AS nxt;
