-- rule: BEGIN TRAN in a called procedure nests in the caller's transaction: @@TRANCOUNT is 2 inside, and its COMMIT only brings it back to 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/trancount-transact-sql
-- expect: [[{"inner_tc": 2, "outer_tc": 1, "n": 1}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
CREATE PROCEDURE dbo.AddOne @tc int OUTPUT
AS
BEGIN
  BEGIN TRAN;
  INSERT INTO dbo.T (Id) VALUES (1);
  SET @tc = @@TRANCOUNT;
  COMMIT TRAN;
END
GO
-- test
DECLARE @inner int;
BEGIN TRAN;
EXEC dbo.AddOne @inner OUTPUT;
SELECT @inner AS inner_tc, @@TRANCOUNT AS outer_tc, (SELECT COUNT(*) FROM dbo.T) AS n;
COMMIT TRAN;
