-- rule: an AFTER UPDATE trigger runs once after the statement, its deleted table holding the rows' old values and inserted their new ones
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/use-the-inserted-and-deleted-tables
-- expect: [[{"Id": 1, "OldPrice": "10.00", "NewPrice": "11.00"}, {"Id": 2, "OldPrice": "20.00", "NewPrice": "22.00"}], [{"Id": 1, "Price": "11.00"}, {"Id": 2, "Price": "22.00"}, {"Id": 3, "Price": "5.00"}]]
CREATE TABLE dbo.Item (Id int PRIMARY KEY, Price decimal(9,2), Kind char(1));
GO
CREATE TABLE dbo.PriceLog (Id int, OldPrice decimal(9,2), NewPrice decimal(9,2));
GO
CREATE TRIGGER dbo.trg_Item_Price ON dbo.Item AFTER UPDATE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.PriceLog (Id, OldPrice, NewPrice)
  SELECT d.Id, d.Price, i.Price FROM deleted AS d JOIN inserted AS i ON i.Id = d.Id;
END
GO
-- test
INSERT INTO dbo.Item (Id, Price, Kind) VALUES (1, 10, 'a'), (2, 20, 'a'), (3, 5, 'b');
UPDATE dbo.Item SET Price = Price * 1.1 WHERE Kind = 'a';
SELECT Id, OldPrice, NewPrice FROM dbo.PriceLog ORDER BY Id;
SELECT Id, Price FROM dbo.Item ORDER BY Id;
