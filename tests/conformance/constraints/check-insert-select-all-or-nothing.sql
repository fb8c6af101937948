-- rule: one row of an INSERT … SELECT violating a CHECK constraint fails the whole statement (547): none of its rows is stored
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect: [[{"n": 547}], [{"c": 0}]]
CREATE TABLE dbo.Price (Item varchar(10) NOT NULL, Amount decimal(9,2) NOT NULL CHECK (Amount > 0));
GO
-- test
BEGIN TRY
  INSERT INTO dbo.Price (Item, Amount)
  SELECT v.Item, v.Amount FROM (VALUES ('a', 1.50), ('b', 2.00), ('c', 0.00)) AS v (Item, Amount);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
END CATCH
SELECT COUNT(*) AS c FROM dbo.Price;
