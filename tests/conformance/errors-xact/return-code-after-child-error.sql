-- rule: a called procedure without TRY tests @@ERROR after its failed INSERT and returns -1; the caller reads the return code with EXEC @rc = and goes on
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect: [[{"rc": -1, "n": 1}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
CREATE PROCEDURE dbo.AddRow @Id int
AS
BEGIN
  INSERT INTO dbo.T (Id) VALUES (@Id);
  IF @@ERROR <> 0
  BEGIN
    RETURN -1;
  END
  RETURN 0;
END
GO
-- test
DECLARE @rc int;
EXEC @rc = dbo.AddRow 1;
EXEC @rc = dbo.AddRow 1;
SELECT @rc AS rc, (SELECT COUNT(*) FROM dbo.T) AS n;
