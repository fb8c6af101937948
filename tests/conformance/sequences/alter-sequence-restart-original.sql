-- rule: RESTART without WITH restarts the numbering "based on the original CREATE SEQUENCE options" (its START WITH), after an earlier RESTART WITH moved it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-sequence-transact-sql
-- expect: [[{"a": 1000, "b": 1010}]]
CREATE SEQUENCE dbo.S AS bigint START WITH 1000 INCREMENT BY 10;
GO
ALTER SEQUENCE dbo.S RESTART WITH 7;
GO
ALTER SEQUENCE dbo.S RESTART;
GO
-- test
DECLARE @a bigint = NEXT VALUE FOR dbo.S;
DECLARE @b bigint = NEXT VALUE FOR dbo.S;
SELECT @a AS a, @b AS b;
