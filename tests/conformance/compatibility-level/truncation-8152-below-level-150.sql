-- rule: below compatibility level 150 text too long for its column fails with 8152, whose message names nothing
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-scoped-configuration-transact-sql
-- compatibility-level: 140
-- expect: [[{"num": 8152, "msg": "String or binary data would be truncated.", "sev": 16, "err": 8152}]]
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL)
GO
-- test
DECLARE @err int;
BEGIN TRY
  INSERT INTO dbo.Codes (Code) VALUES ('ABCD');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg, ERROR_SEVERITY() AS sev, @@ERROR AS err;
END CATCH
