-- rule: after DBCC CHECKIDENT RESEED of an empty table the next row gets the new value or the value + increment depending on whether rows were ever inserted, which an input table loaded empty does not tell: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/database-console-commands/dbcc-checkident-transact-sql
-- expect-refused: DBCC CHECKIDENT RESEED of dbo.S, empty and not written by the run
CREATE TABLE dbo.S (Id int IDENTITY(1,1) NOT NULL, V varchar(20) NOT NULL);
GO
-- test
DBCC CHECKIDENT ('dbo.S', RESEED, 0) WITH NO_INFOMSGS;
