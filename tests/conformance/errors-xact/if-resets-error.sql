-- rule: @@ERROR is reset by every statement: inside IF @@ERROR <> 0 it is already 0 again, so the error must be saved to a variable first
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect: [[{"inside": 0}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
INSERT INTO dbo.T (Id) VALUES (1);
INSERT INTO dbo.T (Id) VALUES (1);
IF @@ERROR <> 0
  SELECT @@ERROR AS inside;
