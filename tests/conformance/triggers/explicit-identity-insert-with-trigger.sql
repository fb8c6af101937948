-- rule: an INSERT of an explicit identity value (IDENTITY_INSERT ON) fires its trigger too; SCOPE_IDENTITY() is the value inserted, @@IDENTITY the trigger's audit row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/identity-transact-sql
-- expect: [[{"ScopeId": 10, "SessionId": 100, "Audited": 10}]]
CREATE TABLE dbo.Customer (Id int IDENTITY(1,1) PRIMARY KEY, Name varchar(10));
GO
CREATE TABLE dbo.CustomerAudit (AuditId int IDENTITY(100,1) PRIMARY KEY, CustomerId int);
GO
CREATE TRIGGER dbo.trg_Customer_Audit ON dbo.Customer AFTER INSERT AS
  INSERT INTO dbo.CustomerAudit (CustomerId) SELECT Id FROM inserted;
GO
-- test
SET IDENTITY_INSERT dbo.Customer ON;
INSERT INTO dbo.Customer (Id, Name) VALUES (10, 'a');
SET IDENTITY_INSERT dbo.Customer OFF;
SELECT SCOPE_IDENTITY() AS ScopeId, @@IDENTITY AS SessionId, (SELECT CustomerId FROM dbo.CustomerAudit) AS Audited;
