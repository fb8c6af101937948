-- rule: TRIGGER_NESTLEVEL() without arguments is the number of triggers on the call stack, itself included; 0 outside a trigger
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/trigger-nestlevel-transact-sql
-- expect: [[{"Outside": 0}], [{"Who": "line", "Lvl": 1}, {"Who": "total", "Lvl": 2}]]
CREATE TABLE dbo.Line (Amount int);
GO
CREATE TABLE dbo.Total (Id int PRIMARY KEY, Amount int);
GO
CREATE TABLE dbo.Seen (Who varchar(10), Lvl int);
GO
CREATE TRIGGER dbo.trLine ON dbo.Line AFTER INSERT AS
BEGIN
  INSERT INTO dbo.Seen (Who, Lvl) VALUES ('line', TRIGGER_NESTLEVEL());
  UPDATE dbo.Total SET Amount = Amount + (SELECT SUM(Amount) FROM inserted);
END
GO
CREATE TRIGGER dbo.trTotal ON dbo.Total AFTER UPDATE AS
  INSERT INTO dbo.Seen (Who, Lvl) VALUES ('total', TRIGGER_NESTLEVEL());
GO
-- test
INSERT INTO dbo.Total (Id, Amount) VALUES (1, 0);
SELECT TRIGGER_NESTLEVEL() AS Outside;
INSERT INTO dbo.Line (Amount) VALUES (4);
SELECT Who, Lvl FROM dbo.Seen ORDER BY Lvl;
