-- rule: the same sequence number is returned for all columns in a row if multiple default constraints use the same sequence object (the emulator would draw one per default, so it refuses)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect-refused: the DEFAULT of B draws the sequence dbo.S that another DEFAULT or the statement draws too
CREATE SEQUENCE dbo.S AS int START WITH 7;
CREATE TABLE dbo.T (A int NOT NULL DEFAULT (NEXT VALUE FOR dbo.S), B int NOT NULL DEFAULT (NEXT VALUE FOR dbo.S), Code varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.T (Code) VALUES ('x');
SELECT A, B, Code FROM dbo.T;
