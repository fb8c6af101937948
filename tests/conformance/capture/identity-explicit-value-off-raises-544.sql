-- rule: an explicit value for an identity column while IDENTITY_INSERT is OFF fails with 544 (catchable), and nothing is inserted
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-identity-insert-transact-sql
-- expect: [[{"n": 544, "msg": "Cannot insert explicit value for identity column in table 'Tool' when IDENTITY_INSERT is set to OFF.", "cnt": 0}]]
CREATE TABLE dbo.Tool (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL);
GO
-- test
BEGIN TRY
  INSERT INTO dbo.Tool (Id, Name) VALUES (3, 'Garden shovel');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS msg, (SELECT COUNT(*) FROM dbo.Tool) AS cnt;
END CATCH
