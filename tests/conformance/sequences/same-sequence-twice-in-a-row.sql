-- rule: every NEXT VALUE FOR of one sequence in a statement returns the same value within a row (the emulator would draw one per reference, so it refuses)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/next-value-for-transact-sql
-- expect-refused: NEXT VALUE FOR dbo.S a second time in one statement
CREATE SEQUENCE dbo.S AS int START WITH 5;
GO
-- test
SELECT NEXT VALUE FOR dbo.S AS a, NEXT VALUE FOR dbo.S AS b;
