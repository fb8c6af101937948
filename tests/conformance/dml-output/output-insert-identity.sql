-- rule: OUTPUT inserted.* in INSERT returns the inserted rows with their identity values
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect: [[{"Id": 10, "Name": "a"}, {"Id": 11, "Name": "b"}]]
CREATE TABLE dbo.T (Id int IDENTITY(10,1) NOT NULL, Name varchar(5) NOT NULL);
GO
-- test
INSERT INTO dbo.T (Name) OUTPUT inserted.* VALUES ('a'), ('b');
