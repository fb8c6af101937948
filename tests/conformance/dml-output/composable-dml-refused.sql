-- rule: an INSERT … SELECT may read the OUTPUT rows of a nested MERGE, INSERT, UPDATE or DELETE (composable DML)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/insert-transact-sql
-- expect-refused: rows of a nested UPDATE … OUTPUT read as a table
CREATE TABLE dbo.T (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.Audit (Id int, OldQty int);
-- test
INSERT INTO dbo.Audit (Id, OldQty)
SELECT u.Id, u.OldQty
FROM (UPDATE dbo.T SET Qty = Qty + 1 OUTPUT deleted.Id, deleted.Qty AS OldQty) AS u;
