-- rule: DROP TABLE drops the table's triggers; a table created again by a later script fires none until a trigger is created on it again
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/drop-table-transact-sql
-- expect: [[{"Audited": 1}]]
CREATE TABLE Sales.[Price List] (Id int PRIMARY KEY, Price decimal(9,2));
GO
CREATE TABLE Audit.[Price Log] (Id int, NewPrice decimal(9,2));
GO
CREATE TRIGGER Sales.[trg Price Audit] ON Sales.[Price List] AFTER INSERT, UPDATE AS
  INSERT INTO Audit.[Price Log] (Id, NewPrice) SELECT Id, Price FROM inserted;
GO
DROP TABLE Sales.[Price List];
GO
CREATE TABLE Sales.[Price List] (Id int PRIMARY KEY, Price decimal(9,2));
GO
CREATE TRIGGER Sales.[trg Price Delete] ON Sales.[Price List] AFTER DELETE AS
  INSERT INTO Audit.[Price Log] (Id, NewPrice) SELECT Id, NULL FROM deleted;
GO
-- test
INSERT INTO Sales.[Price List] (Id, Price) VALUES (1, 10);
UPDATE Sales.[Price List] SET Price = 11 WHERE Id = 1;
DELETE FROM Sales.[Price List] WHERE Id = 1;
SELECT COUNT(*) AS Audited FROM Audit.[Price Log];
