-- rule: several AFTER triggers for one event run in an undefined order; when neither writes what the other reads or writes, every order leaves the same rows
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/specify-first-and-last-triggers
-- expect: [[{"Qty": 7}], [{"ShelfNo": 3, "Moved": 5}]]
CREATE TABLE dbo.Shelf (ShelfNo int PRIMARY KEY, Qty int);
GO
CREATE TABLE dbo.Move (ShelfNo int, Moved int);
GO
CREATE TABLE dbo.MoveNote (ShelfNo int, Moved int);
GO
CREATE TRIGGER dbo.trMove_Shelf ON dbo.Move AFTER INSERT AS
  UPDATE s SET Qty = s.Qty - i.Moved FROM dbo.Shelf AS s JOIN inserted AS i ON i.ShelfNo = s.ShelfNo;
GO
CREATE TRIGGER dbo.trMove_Note ON dbo.Move AFTER INSERT AS
  INSERT INTO dbo.MoveNote (ShelfNo, Moved) SELECT ShelfNo, Moved FROM inserted;
GO
-- test
INSERT INTO dbo.Shelf (ShelfNo, Qty) VALUES (3, 12);
INSERT INTO dbo.Move (ShelfNo, Moved) VALUES (3, 5);
SELECT Qty FROM dbo.Shelf;
SELECT ShelfNo, Moved FROM dbo.MoveNote;
