-- rule: under SET XACT_ABORT ON a run-time error outside TRY ends the batch: nothing after the failed INSERT runs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect-error: 2627
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
SET XACT_ABORT ON;
INSERT INTO dbo.T (Id) VALUES (1);
INSERT INTO dbo.T (Id) VALUES (1);
RAISERROR('not reached', 16, 1);
