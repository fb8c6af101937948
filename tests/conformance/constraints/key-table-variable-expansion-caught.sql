-- rule: a table variable's nvarchar UNIQUE key compares with the collation's expansions (N'Straße' equals N'STRASSE'), so the second INSERT fails with 2627, caught by TRY; the rows of the first stay
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"Id": 1, "Street": "Straße", "Err": 2627}]]
-- test
DECLARE @Streets TABLE (Id int NOT NULL PRIMARY KEY, Street nvarchar(40) NOT NULL UNIQUE);
DECLARE @Err int = 0;
INSERT INTO @Streets (Id, Street) VALUES (1, N'Straße');
BEGIN TRY
  INSERT INTO @Streets (Id, Street) VALUES (2, N'STRASSE');
END TRY
BEGIN CATCH
  SET @Err = ERROR_NUMBER();
END CATCH
SELECT Id, Street, @Err AS Err FROM @Streets;
