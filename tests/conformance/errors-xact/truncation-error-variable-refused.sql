-- rule: after a truncation outside TRY the procedure goes on and @@ERROR holds its number: 2628 on SQL Server 2019 and later at compatibility level 150 or higher, 8152 before; refused rather than guessed
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error
-- expect-refused: @@ERROR holding the number of a truncation error
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL);
GO
-- test
DECLARE @err int;
INSERT INTO dbo.Codes (Code) VALUES ('abcdef');
SET @err = @@ERROR;
SELECT @err AS err;
