-- rule: ERROR_STATE() is the state SQL Server raised the error with: NULL into a NOT NULL column is Msg 515, Level 16, State 2; a CHECK conflict Msg 547, Level 16, State 0; a duplicate key Msg 2627, Level 14, State 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-state-transact-sql
-- expect: [[{"n": 515, "s": 2}], [{"n": 547, "s": 0}], [{"n": 2627, "s": 1}]]
CREATE TABLE dbo.Rates (Code char(3) NOT NULL PRIMARY KEY, Rate decimal(9,4) NOT NULL CHECK (Rate > 0))
GO
-- test
INSERT dbo.Rates VALUES ('EUR', 1.1);
BEGIN TRY INSERT dbo.Rates (Code, Rate) VALUES ('USD', NULL); END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_STATE() AS s; END CATCH
BEGIN TRY INSERT dbo.Rates (Code, Rate) VALUES ('GBP', -1); END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_STATE() AS s; END CATCH
BEGIN TRY INSERT dbo.Rates (Code, Rate) VALUES ('EUR', 1.2); END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_STATE() AS s; END CATCH
