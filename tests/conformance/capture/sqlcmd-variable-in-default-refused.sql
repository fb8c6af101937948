-- rule: sqlcmd replaces a scripting variable $(name) wherever it appears in a deployment script, a table's DEFAULT constraint included: the default SQL Server holds is the variable's value, never the text $(EnvName)
-- source: https://learn.microsoft.com/en-us/sql/tools/sqlcmd/sqlcmd-use-scripting-variables
-- expect-refused: the SQLCMD variable $(EnvName) in a string constant
CREATE TABLE dbo.LoadLog (Id int NOT NULL, EnvName varchar(20) NOT NULL DEFAULT ('$(EnvName)'))
GO
-- test
INSERT INTO dbo.LoadLog (Id) VALUES (1);
SELECT Id, EnvName FROM dbo.LoadLog;
