-- rule: a sequence dropped and created again starts at its new CREATE's START WITH; an ALTER SEQUENCE … RESTART WITH of the sequence dropped does not carry over
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-sequence-transact-sql
-- expect: [[{"v": 7}]]
CREATE SEQUENCE dbo.S AS int START WITH 1;
GO
ALTER SEQUENCE dbo.S RESTART WITH 50;
GO
DROP SEQUENCE dbo.S;
GO
CREATE SEQUENCE dbo.S AS int START WITH 7;
GO
-- test
SELECT NEXT VALUE FOR dbo.S AS v;
