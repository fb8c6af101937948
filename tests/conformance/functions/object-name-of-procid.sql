-- rule: @@PROCID is the object id of the current module; OBJECT_NAME and OBJECT_SCHEMA_NAME of it give the running procedure's name and schema (a log row naming its procedure)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/procid-transact-sql
-- expect: [[{"proc": "conformance_case", "schema": "dbo", "msg": "conformance_case: done"}]]
CREATE TABLE dbo.RunLog (ProcName sysname NOT NULL, Msg nvarchar(400) NULL)
GO
-- test
INSERT dbo.RunLog (ProcName, Msg) VALUES (OBJECT_NAME(@@PROCID), CONCAT(OBJECT_NAME(@@PROCID), ': done'));
SELECT OBJECT_NAME(@@PROCID) AS proc, OBJECT_SCHEMA_NAME(@@PROCID) AS [schema], (SELECT Msg FROM dbo.RunLog) AS msg;
