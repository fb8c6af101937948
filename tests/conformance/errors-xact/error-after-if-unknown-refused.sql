-- rule: @@ERROR after an IF whose statement failed is not documented: reading it is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect-refused: @@ERROR after an IF
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
INSERT INTO dbo.T (Id) VALUES (1);
IF 1 = 1
  INSERT INTO dbo.T (Id) VALUES (1);
SELECT @@ERROR AS e;
