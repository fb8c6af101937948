-- rule: a truncation's number is 2628 on SQL Server 2019 and later at compatibility level 150 or higher (VERBOSE_TRUNCATION_WARNINGS) and 8152 before; the scripts do not say which the legacy database runs, so ERROR_NUMBER() of it is refused rather than guessed
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error
-- expect-refused: ERROR_NUMBER() of the number of a truncation error
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL);
GO
-- test
DECLARE @num int;
BEGIN TRY
    INSERT INTO dbo.Codes (Code) VALUES ('abcdef');
END TRY
BEGIN CATCH
    SET @num = ERROR_NUMBER();
END CATCH;
SELECT @num AS num;
