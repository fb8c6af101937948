-- rule: a table variable keeps the rows written inside a transaction that rolls back (table variables are outside transactions); the emulator's rollback takes them, so reading one afterwards is refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/table-transact-sql
-- expect-refused: the table variable @log after a rollback of the transaction that wrote it
CREATE TABLE dbo.L (Id int)
GO
-- test
DECLARE @log TABLE (Msg varchar(50));
BEGIN TRAN;
INSERT dbo.L VALUES (1);
INSERT @log VALUES ('kept');
ROLLBACK;
SELECT COUNT(*) AS n FROM @log;
