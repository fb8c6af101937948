-- rule: NEXT VALUE FOR cannot be used directly in a statement that contains an ORDER BY clause unless the OVER clause is specified (error 11723, a compile error)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect-refused: NEXT VALUE FOR in a statement with ORDER BY
-- input: dbo.Src
--| Code
--| b
--| a
CREATE SEQUENCE dbo.S AS int START WITH 1;
CREATE TABLE dbo.Src (Code varchar(5) NOT NULL);
CREATE TABLE dbo.Dst (Id int NOT NULL, Code varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.Dst (Id, Code)
SELECT NEXT VALUE FOR dbo.S, Code FROM dbo.Src ORDER BY Code;
