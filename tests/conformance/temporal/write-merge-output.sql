-- rule: OUTPUT of a MERGE into a system-versioned table: inserted holds the rows as written, with ROW START = the transaction time
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"act": "INSERT", "DeptID": 3, "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}, {"act": "UPDATE", "DeptID": 1, "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}], [{"DeptID": 1, "DeptName": "Sales", "ValidTo": "2024-03-01 10:15:30.0000000"}]]
-- input: dbo.Department
--| DeptID,DeptName,ValidFrom,ValidTo
--| 1,Sales,2021-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
--| 2,Finance,2022-06-01 08:00:00.0000000,9999-12-31 23:59:59.9999999
CREATE TABLE dbo.Department (
  DeptID int NOT NULL PRIMARY KEY CLUSTERED,
  DeptName varchar(50) NOT NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.DepartmentHistory));
GO
CREATE TABLE dbo.DepartmentHistory (DeptID int NOT NULL, DeptName varchar(50) NOT NULL, ValidFrom datetime2 NOT NULL, ValidTo datetime2 NOT NULL);
GO
-- test
DECLARE @out TABLE (act nvarchar(10), DeptID int, ValidFrom datetime2, ValidTo datetime2);
MERGE dbo.Department AS t USING (VALUES (1, 'Sales v2'), (3, 'Legal')) AS s (DeptID, DeptName) ON t.DeptID = s.DeptID
WHEN MATCHED THEN UPDATE SET DeptName = s.DeptName
WHEN NOT MATCHED THEN INSERT (DeptID, DeptName) VALUES (s.DeptID, s.DeptName)
OUTPUT $action, inserted.DeptID, inserted.ValidFrom, inserted.ValidTo INTO @out;
SELECT act, DeptID, ValidFrom, ValidTo FROM @out ORDER BY act, DeptID;
SELECT DeptID, DeptName, ValidTo FROM dbo.DepartmentHistory ORDER BY DeptID;
