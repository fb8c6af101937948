-- rule: @@ROWCOUNT at the start of a trigger a MERGE fired is not documented (the MERGE's total or its action's rows): refused where read
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect-refused: @@ROWCOUNT at the start of the trigger dbo.trg_Stock_Insert
CREATE TABLE dbo.Stock (Id int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.Log (N int);
GO
CREATE TRIGGER dbo.trg_Stock_Insert ON dbo.Stock AFTER INSERT AS
  IF @@ROWCOUNT > 0 INSERT INTO dbo.Log (N) SELECT COUNT(*) FROM inserted;
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 1);
DECLARE @src TABLE (Id int, Qty int);
INSERT INTO @src (Id, Qty) VALUES (1, 6), (2, 9);
MERGE dbo.Stock AS t USING @src AS s ON s.Id = t.Id
WHEN NOT MATCHED THEN INSERT (Id, Qty) VALUES (s.Id, s.Qty);
