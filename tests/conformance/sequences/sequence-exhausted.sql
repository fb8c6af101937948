-- rule: NEXT VALUE FOR a NO CYCLE sequence past its maximum raises error 11728
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect-error: 11728
CREATE SEQUENCE dbo.Two AS int START WITH 1 MAXVALUE 2 NO CYCLE;
GO
-- test
DECLARE @x int;
SET @x = NEXT VALUE FOR dbo.Two;
SET @x = NEXT VALUE FOR dbo.Two;
SET @x = NEXT VALUE FOR dbo.Two;
