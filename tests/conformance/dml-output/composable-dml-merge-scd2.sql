-- rule: INSERT … SELECT may read the OUTPUT rows of a nested MERGE (composable DML): the MERGE runs, then the INSERT takes the rows its OUTPUT gives that the outer WHERE keeps (the SCD type 2 idiom: expire the changed row, insert its new version); @@ROWCOUNT is the INSERT's; which of the two inserts draws the identity first is not documented, so the new rows' keys are not compared
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/insert-transact-sql
-- expect: [[{"n": 1}], [{"CustKey": 1, "Code": "A", "City": "Leeds", "IsCurrent": 1, "ValidTo": null}, {"CustKey": 2, "Code": "B", "City": "York", "IsCurrent": 0, "ValidTo": "2026-12-04"}, {"CustKey": null, "Code": "B", "City": "Bath", "IsCurrent": 1, "ValidTo": null}, {"CustKey": 3, "Code": "C", "City": "Hull", "IsCurrent": 1, "ValidTo": null}, {"CustKey": null, "Code": "D", "City": "Derby", "IsCurrent": 1, "ValidTo": null}]]
-- input: dbo.DimCust
--| CustKey,Code,City,IsCurrent,ValidTo
--| 1,A,Leeds,1,
--| 2,B,York,1,
--| 3,C,Hull,1,
-- input: dbo.StgCust
--| Code,City
--| A,leeds
--| B,Bath
--| D,Derby
CREATE TABLE dbo.DimCust (CustKey int IDENTITY(1,1) PRIMARY KEY, Code varchar(10) NOT NULL, City varchar(20) NULL, IsCurrent bit NOT NULL, ValidTo date NULL);
GO
CREATE TABLE dbo.StgCust (Code varchar(10) NOT NULL, City varchar(20) NULL);
GO
-- test
INSERT INTO dbo.DimCust (Code, City, IsCurrent, ValidTo)
SELECT m.Code, m.City, 1, NULL
FROM (
  MERGE dbo.DimCust AS t
  USING dbo.StgCust AS s ON t.Code = s.Code AND t.IsCurrent = 1
  WHEN MATCHED AND t.City <> s.City THEN UPDATE SET IsCurrent = 0, ValidTo = '20261204'
  WHEN NOT MATCHED THEN INSERT (Code, City, IsCurrent) VALUES (s.Code, s.City, 1)
  OUTPUT $action AS Act, s.Code, s.City
) AS m
WHERE m.Act = 'UPDATE';
SELECT @@ROWCOUNT AS n;
SELECT CASE WHEN CustKey <= 3 THEN CustKey END AS CustKey, Code, City, IsCurrent, ValidTo FROM dbo.DimCust ORDER BY Code, IsCurrent;
