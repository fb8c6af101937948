-- rule: under the default case-insensitive collation 'north' and 'North ' are one primary key value (case and trailing blanks ignored), so the second INSERT violates the key (2627)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect-error: 2627
CREATE TABLE dbo.Regions (Code varchar(10) NOT NULL, Label varchar(20) NULL, CONSTRAINT PK_Regions PRIMARY KEY (Code));
GO
-- test
INSERT INTO dbo.Regions (Code, Label) VALUES ('north', 'a');
INSERT INTO dbo.Regions (Code, Label) SELECT 'North ', 'b';
