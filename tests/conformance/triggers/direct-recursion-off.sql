-- rule: with RECURSIVE_TRIGGERS OFF (the default) a trigger's update of its own table does not fire it again
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-set-options
-- expect: [[{"Id": 1, "Name": "A", "Touched": 1}, {"Id": 2, "Name": "b", "Touched": 0}]]
CREATE TABLE dbo.Customer (Id int PRIMARY KEY, Name varchar(10), Touched int NOT NULL DEFAULT 0);
GO
CREATE TRIGGER dbo.trg_Customer_Touch ON dbo.Customer AFTER UPDATE AS
  UPDATE c SET Touched = c.Touched + 1 FROM dbo.Customer AS c JOIN inserted AS i ON i.Id = c.Id;
GO
-- test
INSERT INTO dbo.Customer (Id, Name) VALUES (1, 'a'), (2, 'b');
UPDATE dbo.Customer SET Name = 'A' WHERE Id = 1;
SELECT Id, Name, Touched FROM dbo.Customer ORDER BY Id;
