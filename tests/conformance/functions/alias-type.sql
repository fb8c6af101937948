-- rule: an alias type created FROM a base type behaves as its base type (varchar(5) truncates on assignment)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-type-transact-sql
-- expect: [[{"v": "abcde"}]]
CREATE TYPE dbo.Code FROM varchar(5) NOT NULL;
GO
-- test
DECLARE @c dbo.Code = 'abcdefgh';
SELECT @c AS v;
