-- rule: comparing a column declared COLLATE Latin1_General_CS_AS with a column of the default collation, neither with an explicit COLLATE, is a collation conflict (error 468): refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collation-precedence-transact-sql
-- expect-refused: error 468
-- input: dbo.Account
--| Code
--| ABC01
-- input: dbo.Alias
--| Alias
--| abc01
CREATE TABLE dbo.Account (Code varchar(20) COLLATE Latin1_General_CS_AS NOT NULL);
GO
CREATE TABLE dbo.Alias (Alias varchar(20) NOT NULL);
GO
-- test
SELECT COUNT(*) AS n FROM dbo.Account a JOIN dbo.Alias x ON x.Alias = a.Code;
