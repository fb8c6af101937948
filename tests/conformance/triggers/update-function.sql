-- rule: UPDATE(column) in a trigger is true for the columns of the UPDATE's SET list, and true for every column in an INSERT
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/update-trigger-functions-transact-sql
-- expect: [[{"Seq": 1, "PriceSet": 1, "KindSet": 1}, {"Seq": 2, "PriceSet": 1, "KindSet": 0}, {"Seq": 3, "PriceSet": 0, "KindSet": 1}]]
CREATE TABLE dbo.Item (Id int, Price int, Kind char(1));
GO
CREATE TABLE dbo.Seen (Seq int IDENTITY(1,1), PriceSet int, KindSet int);
GO
CREATE TRIGGER dbo.trg_Item ON dbo.Item AFTER INSERT, UPDATE AS
BEGIN
  DECLARE @p int = 0, @k int = 0;
  IF UPDATE(Price) SET @p = 1;
  IF UPDATE([Kind]) SET @k = 1;
  INSERT INTO dbo.Seen (PriceSet, KindSet) VALUES (@p, @k);
END
GO
-- test
INSERT INTO dbo.Item (Id) VALUES (1);
UPDATE dbo.Item SET Price = 5 WHERE Id = 1;
UPDATE dbo.Item SET Kind = 'x' WHERE Id = 99;
SELECT Seq, PriceSet, KindSet FROM dbo.Seen ORDER BY Seq;
