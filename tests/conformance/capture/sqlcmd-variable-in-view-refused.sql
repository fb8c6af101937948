-- rule: sqlcmd replaces a scripting variable $(name) inside the string constants of a view's definition before SQL Server creates the view: the view compares the variable's value
-- source: https://learn.microsoft.com/en-us/sql/tools/sqlcmd/sqlcmd-use-scripting-variables
-- expect-refused: the SQLCMD variable $(Region) in a string constant
CREATE TABLE dbo.Customer (Id int NOT NULL, Region char(4) NOT NULL)
GO
CREATE VIEW dbo.vw_LocalCustomers AS SELECT Id FROM dbo.Customer WHERE Region = '$(Region)'
GO
-- test
SELECT COUNT(*) AS n FROM dbo.vw_LocalCustomers;
