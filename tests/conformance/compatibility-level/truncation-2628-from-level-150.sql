-- rule: from compatibility level 150 (VERBOSE_TRUNCATION_WARNINGS on by default) text too long for its column fails with 2628
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-scoped-configuration-transact-sql
-- compatibility-level: 150
-- expect: [[{"num": 2628, "sev": 16}]]
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL)
GO
-- test
BEGIN TRY
  INSERT INTO dbo.Codes (Code) VALUES ('ABCD');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev;
END CATCH
