-- rule: several AFTER triggers for one event run in an undefined order unless sp_settriggerorder sets the first and last: refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/specify-first-and-last-triggers
-- expect-refused: fires several AFTER triggers for INSERT
CREATE TABLE dbo.Stock (Id int, Qty int);
GO
CREATE TABLE dbo.Log (Note varchar(10));
GO
CREATE TRIGGER dbo.trg_A ON dbo.Stock AFTER INSERT AS INSERT INTO dbo.Log (Note) VALUES ('a');
GO
CREATE TRIGGER dbo.trg_B ON dbo.Stock AFTER INSERT AS INSERT INTO dbo.Log (Note) VALUES ('b');
GO
-- test
INSERT INTO dbo.Stock (Id, Qty) VALUES (1, 1);
