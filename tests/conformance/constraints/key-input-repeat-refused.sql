-- rule: SQL Server stores no two rows with one primary key value ('a-1' and 'A-1 ' are one under the default collation), so an input holding such a pair is refused, not loaded
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect-refused: two rows hold the key value
-- input: dbo.Item
--| Code,Label
--| a-1,first
--| A-1 ,second
CREATE TABLE dbo.Item (Code varchar(10) NOT NULL PRIMARY KEY, Label varchar(20) NULL);
GO
-- test
SELECT Code FROM dbo.Item;
