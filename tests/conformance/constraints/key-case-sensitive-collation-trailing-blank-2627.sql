-- rule: under a case-sensitive collation trailing blanks are still ignored when keys compare, so 'abc01 ' repeats the primary key value 'abc01' (2627)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect-error: 2627
-- input: dbo.Account
--| AccountCode,AccountName
--| ABC01,Acme
--| abc01,acme lower
CREATE TABLE dbo.Account (AccountCode varchar(20) COLLATE Latin1_General_CS_AS NOT NULL PRIMARY KEY, AccountName varchar(60) NOT NULL);
GO
-- test
INSERT INTO dbo.Account (AccountCode, AccountName) VALUES ('abc01 ', 'again');
