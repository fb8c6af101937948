-- rule: a second row with an existing primary key fails with 2627 at its statement
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect-error: 2627
CREATE TABLE dbo.Totals (Id int NOT NULL PRIMARY KEY, Amount int NOT NULL);
GO
-- test
INSERT INTO dbo.Totals (Id, Amount) VALUES (1, 10);
INSERT INTO dbo.Totals (Id, Amount) VALUES (1, 20);
