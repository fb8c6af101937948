-- rule: DROP TRIGGER removes the trigger (an upgrade script retiring an audit trigger): the statements after it fire none; a view dropped and created again is the new one
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/drop-trigger-transact-sql
-- expect: [[{"Audited": 0}], [{"V": 2}]]
CREATE TABLE dbo.Item (Id int PRIMARY KEY, Price decimal(9,2));
GO
CREATE TABLE dbo.PriceLog (Id int, NewPrice decimal(9,2));
GO
CREATE TRIGGER dbo.trg_Item_Price ON dbo.Item AFTER INSERT, UPDATE AS
  INSERT INTO dbo.PriceLog (Id, NewPrice) SELECT Id, Price FROM inserted;
GO
CREATE VIEW dbo.v_Version AS SELECT 1 AS V;
GO
IF OBJECT_ID('dbo.trg_Item_Price', 'TR') IS NOT NULL DROP TRIGGER dbo.trg_Item_Price;
GO
DROP VIEW dbo.v_Version;
GO
CREATE VIEW dbo.v_Version AS SELECT 2 AS V;
GO
-- test
INSERT INTO dbo.Item (Id, Price) VALUES (1, 10);
UPDATE dbo.Item SET Price = 11 WHERE Id = 1;
SELECT COUNT(*) AS Audited FROM dbo.PriceLog;
SELECT V FROM dbo.v_Version;
