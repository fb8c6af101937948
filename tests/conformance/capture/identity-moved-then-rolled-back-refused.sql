-- rule: identity values are not transactional; whether a ROLLBACK keeps the move an explicit IDENTITY_INSERT value made is not documented, so the next identity is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-identity-insert-transact-sql
-- expect-refused: after the rollback of a transaction that moved it
CREATE TABLE dbo.Tool (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL);
GO
-- test
BEGIN TRAN;
SET IDENTITY_INSERT dbo.Tool ON;
INSERT INTO dbo.Tool (Id, Name) VALUES (100, 'manual');
SET IDENTITY_INSERT dbo.Tool OFF;
ROLLBACK;
INSERT INTO dbo.Tool (Name) VALUES ('next');
