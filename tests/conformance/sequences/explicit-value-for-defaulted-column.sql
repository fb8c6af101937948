-- rule: a column DEFAULT fires only for a column the INSERT leaves out: NEXT VALUE FOR written for that column itself draws one value per row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect: [[{"A": 7, "Code": "x"}, {"A": 8, "Code": "y"}, {"A": 9, "Code": "z"}]]
CREATE SEQUENCE dbo.S AS int START WITH 7;
CREATE TABLE dbo.T (A int NOT NULL DEFAULT (NEXT VALUE FOR dbo.S), Code varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.T (A, Code) VALUES (NEXT VALUE FOR dbo.S, 'x');
INSERT INTO dbo.T (A, Code) SELECT NEXT VALUE FOR dbo.S, 'y';
INSERT INTO dbo.T (Code) VALUES ('z');
SELECT A, Code FROM dbo.T ORDER BY A;
