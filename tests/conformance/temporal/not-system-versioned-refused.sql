-- rule: FOR SYSTEM_TIME on a table that is not system-versioned is an error (Msg 13544), never the current rows
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/from-transact-sql
-- expect-refused: does not declare system-versioned
CREATE TABLE dbo.Plain (Id int NOT NULL);
GO
-- test
SELECT Id FROM dbo.Plain FOR SYSTEM_TIME AS OF '2020-01-01';
