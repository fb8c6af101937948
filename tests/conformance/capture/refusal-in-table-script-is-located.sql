-- rule: a table whose column type is unknown cannot be created (SQL Server: Column, parameter, or variable: Cannot find data type)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-table-transact-sql
-- expect-refused: data type nosuchaliastype
CREATE TABLE dbo.Broken (Id int NOT NULL, Kind dbo.NoSuchAliasType NULL);
GO
-- test
SELECT COUNT(*) AS n FROM dbo.Broken;
