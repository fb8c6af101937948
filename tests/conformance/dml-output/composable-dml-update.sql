-- rule: an INSERT … SELECT may read the OUTPUT rows of a nested UPDATE (composable DML), a column list after its alias naming them; the UPDATE's changes stay
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/insert-transact-sql
-- expect: [[{"Id": 1, "OldQty": 5, "NewQty": 6}, {"Id": 2, "OldQty": null, "NewQty": null}], [{"Id": 1, "Qty": 6}, {"Id": 2, "Qty": null}, {"Id": 3, "Qty": 9}]]
-- input: dbo.T
--| Id,Qty
--| 1,5
--| 2,
--| 3,9
CREATE TABLE dbo.T (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.Audit (Id int, OldQty int, NewQty int);
GO
-- test
INSERT INTO dbo.Audit (Id, OldQty, NewQty)
SELECT u.Id, u.OldQty, u.NewQty
FROM (UPDATE dbo.T SET Qty = Qty + 1 OUTPUT deleted.Id, deleted.Qty, inserted.Qty WHERE Id < 3) AS u (Id, OldQty, NewQty);
SELECT Id, OldQty, NewQty FROM dbo.Audit ORDER BY Id;
SELECT Id, Qty FROM dbo.T ORDER BY Id;
