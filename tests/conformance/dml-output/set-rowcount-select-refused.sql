-- rule: SET ROWCOUNT also stops a SELECT after n rows; the emulator limits only UPDATE and DELETE, so a SELECT under it is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-rowcount-transact-sql
-- expect-refused: a SELECT under SET ROWCOUNT 2
CREATE TABLE dbo.EventLog (Id int NOT NULL PRIMARY KEY)
GO
-- test
SET ROWCOUNT 2;
SELECT Id FROM dbo.EventLog;
