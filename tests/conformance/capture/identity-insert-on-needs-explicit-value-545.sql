-- rule: while IDENTITY_INSERT is ON for a table, an INSERT into it that leaves out the identity column fails with 545
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-identity-insert-transact-sql
-- expect-error: 545
CREATE TABLE dbo.Tool (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL);
GO
-- test
SET IDENTITY_INSERT dbo.Tool ON;
INSERT INTO dbo.Tool (Name) VALUES ('Hammer');
