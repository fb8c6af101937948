-- rule: @@ERROR right after an EXEC whose procedure met an error and went on is not documented: reading it is refused (the return code is the way)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect-refused: @@ERROR after an IF, WHILE or BEGIN … END whose last statement failed, or after an EXEC
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
CREATE PROCEDURE dbo.AddTwice
AS
BEGIN
  INSERT INTO dbo.T (Id) VALUES (1);
  INSERT INTO dbo.T (Id) VALUES (1);
END
GO
-- test
EXEC dbo.AddTwice;
SELECT @@ERROR AS e;
