-- rule: FOR UPDATE cannot be given on a read-only cursor (STATIC, FAST_FORWARD, READ_ONLY): SQL Server does not compile it (16957); refused at the DECLARE
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: FOR UPDATE on a STATIC cursor
CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY)
GO
-- test
DECLARE c CURSOR LOCAL STATIC FOR SELECT Id FROM dbo.Ledger FOR UPDATE;
