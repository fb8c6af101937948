-- rule: an INSTEAD OF trigger runs in place of the statement: the emulator runs AFTER triggers only and refuses the write
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-trigger-transact-sql
-- expect-refused: fires its INSTEAD OF trigger dbo.trg_Stock_Instead
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TRIGGER dbo.trg_Stock_Instead ON dbo.Stock INSTEAD OF DELETE AS
  UPDATE s SET Qty = 0 FROM dbo.Stock AS s JOIN deleted AS d ON d.Id = s.Id;
GO
-- test
DELETE FROM dbo.Stock WHERE Id = 1;
