-- rule: without START WITH an ascending sequence starts at its MINVALUE, which defaults to the type's minimum
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-sequence-transact-sql
-- expect: [[{"a": 0, "b": 1, "c": -32768}]]
CREATE SEQUENCE dbo.T AS tinyint;
GO
CREATE SEQUENCE dbo.S AS smallint;
GO
-- test
DECLARE @a int = NEXT VALUE FOR dbo.T;
DECLARE @b int = NEXT VALUE FOR dbo.T;
SELECT @a AS a, @b AS b, NEXT VALUE FOR dbo.S AS c;
