-- rule: after an INSERT whose trigger inserts into another identity table, @@IDENTITY is the trigger's last identity value while SCOPE_IDENTITY() stays the statement's
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/scope-identity-transact-sql
-- expect: [[{"ScopeId": 3, "SessionId": 102, "InTrigger": null}]]
CREATE TABLE dbo.Customer (Id int IDENTITY(1,1) PRIMARY KEY, Name varchar(10));
GO
CREATE TABLE dbo.CustomerAudit (AuditId int IDENTITY(100,1) PRIMARY KEY, CustomerId int, ScopeBefore int);
GO
CREATE TRIGGER dbo.trg_Customer_Audit ON dbo.Customer AFTER INSERT AS
  INSERT INTO dbo.CustomerAudit (CustomerId, ScopeBefore) SELECT Id, SCOPE_IDENTITY() FROM inserted;
GO
-- test
INSERT INTO dbo.Customer (Name) VALUES ('a'), ('b');
INSERT INTO dbo.Customer (Name) VALUES ('c');
SELECT SCOPE_IDENTITY() AS ScopeId, @@IDENTITY AS SessionId, (SELECT MAX(ScopeBefore) FROM dbo.CustomerAudit) AS InTrigger;
