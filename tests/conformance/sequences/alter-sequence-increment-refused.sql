-- rule: after ALTER SEQUENCE … INCREMENT BY without RESTART, which value a sequence never drawn from gives first is not documented: the emulator refuses rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-sequence-transact-sql
-- expect-refused: INCREMENT BY without RESTART WITH
CREATE SEQUENCE dbo.S AS int START WITH 1 INCREMENT BY 1;
GO
ALTER SEQUENCE dbo.S INCREMENT BY 3;
GO
-- test
SELECT NEXT VALUE FOR dbo.S AS v;
