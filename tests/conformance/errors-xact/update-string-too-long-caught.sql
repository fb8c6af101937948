-- rule: an UPDATE or INSERT … SELECT whose text does not fit the column raises a truncation error (severity 16; 2628 on SQL Server 2019+ at level 150, 8152 before), which TRY/CATCH catches; the statement changes no row
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error
-- expect: [[{"num": 16, "Name": "Ann"}]]
-- input: dbo.People
--| Id,Name
--| 1,Ann
CREATE TABLE dbo.People (Id int NOT NULL, Name nvarchar(5) NULL);
GO
-- test
DECLARE @num int;
BEGIN TRY
    UPDATE dbo.People SET Name = Name + N' Marie-Louise' WHERE Id = 1;
END TRY
BEGIN CATCH
    SET @num = ERROR_SEVERITY();
END CATCH;
SELECT @num AS num, Name FROM dbo.People;
