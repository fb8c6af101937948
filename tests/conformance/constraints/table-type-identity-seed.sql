-- rule: a variable of a user-defined table type numbers its IDENTITY column from the type's own seed and increment
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-type-transact-sql
-- expect: [[{"Line No": 100, "Item": "bolt"}, {"Line No": 110, "Item": "nut"}]]
CREATE TYPE dbo.[Order Line Type] AS TABLE (
  [Line No] int IDENTITY(100, 10) NOT NULL,
  Item varchar(20) NOT NULL
);
GO
-- test
DECLARE @Lines dbo.[Order Line Type];
INSERT INTO @Lines (Item) VALUES ('bolt'), ('nut');
SELECT [Line No], Item FROM @Lines ORDER BY [Line No];
