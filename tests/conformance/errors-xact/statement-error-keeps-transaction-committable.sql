-- rule: without SAVE TRANSACTION, under XACT_ABORT OFF an error that ends only its statement (2627 duplicate key, 8134 divide by zero) leaves the transaction committable: in CATCH XACT_STATE() is 1 and @@TRANCOUNT 1, the failing statement wrote nothing, and COMMIT keeps the rows written before and after it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-arithabort-transact-sql
-- expect: [[{"Id": 1, "Per": 10}, {"Id": 2, "Per": 25}, {"Id": 4, "Per": 50}], [{"Id": 1, "Err": 2627, "xs": 1, "tc": 1}, {"Id": 4, "Err": 8134, "xs": 1, "tc": 1}], [{"tc": 0}]]
CREATE TABLE dbo.Share (Id int NOT NULL PRIMARY KEY, Per int NOT NULL);
CREATE TABLE dbo.Errors (Id int NOT NULL, Err int NOT NULL, xs int NOT NULL, tc int NOT NULL);
GO
-- test
DECLARE @i int = 1, @Id int, @Div int;
BEGIN TRAN;
WHILE @i <= 5
BEGIN
  SET @Id = CASE @i WHEN 3 THEN 1 WHEN 5 THEN 4 ELSE @i END;
  SET @Div = CASE @i WHEN 1 THEN 10 WHEN 2 THEN 4 WHEN 4 THEN 0 ELSE 2 END;
  BEGIN TRY
    INSERT INTO dbo.Share (Id, Per) VALUES (@Id, 100 / @Div);
  END TRY
  BEGIN CATCH
    INSERT INTO dbo.Errors (Id, Err, xs, tc) VALUES (@Id, ERROR_NUMBER(), XACT_STATE(), @@TRANCOUNT);
  END CATCH
  SET @i += 1;
END
IF XACT_STATE() = 1 COMMIT TRAN;
SELECT Id, Per FROM dbo.Share ORDER BY Id;
SELECT Id, Err, xs, tc FROM dbo.Errors ORDER BY Id;
SELECT @@TRANCOUNT AS tc;
