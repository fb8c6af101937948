-- rule: the same sequence number is returned if the same sequence object is used both in the statement supplying the values and in a default constraint being executed (refused: the emulator would draw twice)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect-refused: the DEFAULT of A draws the sequence dbo.S that another DEFAULT or the statement draws too
CREATE SEQUENCE dbo.S AS int START WITH 7;
CREATE TABLE dbo.T (A int NOT NULL DEFAULT (NEXT VALUE FOR dbo.S), B int NOT NULL, Code varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.T (B, Code) VALUES (NEXT VALUE FOR dbo.S, 'x');
SELECT A, B, Code FROM dbo.T;
