-- rule: an ALTER SEQUENCE whose next value lies outside its new MINVALUE … MAXVALUE fails on SQL Server, so the sequence the scripts leave is not the one altered: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-sequence-transact-sql
-- expect-refused: outside MINVALUE … MAXVALUE
CREATE SEQUENCE dbo.S AS int START WITH 1 INCREMENT BY 1;
GO
ALTER SEQUENCE dbo.S MINVALUE 100;
GO
-- test
SELECT NEXT VALUE FOR dbo.S AS v;
