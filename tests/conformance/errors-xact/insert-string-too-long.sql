-- rule: inserting text longer than a varchar(n) column fails the statement with 2628 (ANSI_WARNINGS ON, the default; SQL Server 2019+), nothing is stored
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error
-- expect-error: 2628
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL);
GO
-- test
INSERT INTO dbo.Codes (Code) VALUES ('abcdef');
