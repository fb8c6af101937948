-- rule: a column declared COLLATE Latin1_General_BIN2 compares by code point ('abc' <> 'ABC') against a literal or a variable, whose collation the column's implicit one overrides; COLLATE DATABASE_DEFAULT makes it compare case-insensitively again
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collation-precedence-transact-sql
-- expect: [[{"n": 1, "v": 1, "ci": 2}]]
-- input: dbo.Product
--| Code
--| abc
--| ABC
CREATE TABLE dbo.Product ([Code] varchar(10) COLLATE Latin1_General_BIN2 NOT NULL);
GO
-- test
DECLARE @c varchar(10) = 'ABC';
SELECT (SELECT COUNT(*) FROM dbo.Product WHERE Code = 'abc') AS n,
       (SELECT COUNT(*) FROM dbo.Product WHERE Code = @c) AS v,
       (SELECT COUNT(*) FROM dbo.Product WHERE Code COLLATE DATABASE_DEFAULT = 'abc') AS ci;
