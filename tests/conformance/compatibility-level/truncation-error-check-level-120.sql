-- rule: outside TRY a truncation ends only its statement; @@ERROR right after it holds 8152 below compatibility level 150
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-scoped-configuration-transact-sql
-- compatibility-level: 120
-- expect: [[{"n": 1, "failed": 8152}]]
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL)
GO
-- test
DECLARE @e int;
INSERT INTO dbo.Codes (Code) VALUES ('ABC');
INSERT INTO dbo.Codes (Code) VALUES ('ABCD');
SET @e = @@ERROR;
IF @e <> 0 SELECT (SELECT COUNT(*) FROM dbo.Codes) AS n, @e AS failed;
