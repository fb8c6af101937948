-- rule: SELECT … INTO gives each column its expression's nullability: ISNULL with a non-null replacement, and a constant, are NOT NULL (a later NULL there fails with 515, outside TRY only that statement), COALESCE of a nullable column stays nullable
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/coalesce-transact-sql
-- expect: [[{"Id": 1, "Allowed": "10.0000", "Paid": "10.0000", "Flag": 0}, {"Id": 2, "Allowed": "0.0000", "Paid": null, "Flag": 0}]]
-- expect-print: ["isnull: 515", "constant: 515"]
-- input: dbo.Claim
--| Id,Allowed
--| 1,10.0000
CREATE TABLE dbo.Claim (Id int NOT NULL, Allowed decimal(19,4) NULL)
GO
-- test
SELECT Id, ISNULL(Allowed, 0) AS Allowed, COALESCE(Allowed, 0) AS Paid, 0 AS Flag INTO #c FROM dbo.Claim;
BEGIN TRY
  INSERT #c (Id, Allowed, Paid, Flag) VALUES (2, NULL, NULL, 0);
END TRY
BEGIN CATCH
  PRINT CONCAT('isnull: ', ERROR_NUMBER());
END CATCH
BEGIN TRY
  INSERT #c (Id, Allowed, Paid, Flag) VALUES (2, 0, NULL, NULL);
END TRY
BEGIN CATCH
  PRINT CONCAT('constant: ', ERROR_NUMBER());
END CATCH
INSERT #c (Id, Allowed, Paid, Flag) VALUES (2, 0, NULL, 0);
SELECT Id, Allowed, Paid, Flag FROM #c ORDER BY Id;
