-- rule: a primary key over a column declared COLLATE Latin1_General_CS_AS holds 'ABC01', 'abc01' and 'Abc01' as three keys (the column's collation compares them, case-sensitively)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"n": 3}]]
-- input: dbo.Account
--| AccountCode,AccountName
--| ABC01,Acme
--| abc01,acme lower
CREATE TABLE dbo.Account (AccountCode varchar(20) COLLATE Latin1_General_CS_AS NOT NULL PRIMARY KEY, AccountName varchar(60) NOT NULL);
GO
-- test
INSERT INTO dbo.Account (AccountCode, AccountName) VALUES ('Abc01', 'third');
SELECT COUNT(*) AS n FROM dbo.Account;
