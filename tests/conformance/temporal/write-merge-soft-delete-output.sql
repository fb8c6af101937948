-- rule: OUTPUT of a MERGE into a system-versioned table whose WHEN NOT MATCHED BY SOURCE THEN UPDATE changes a row: deleted holds its old version (its old ROW START), inserted its new one (ROW START = the transaction time), and the old version goes to the history table
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"act": "UPDATE", "DeptID": 1, "OldName": "Sales", "NewName": "Sales v2", "OldFrom": "2021-01-01 00:00:00.0000000", "NewFrom": "2024-03-01 10:15:30.0000000"}, {"act": "UPDATE", "DeptID": 2, "OldName": "Finance", "NewName": "Finance (closed)", "OldFrom": "2022-06-01 08:00:00.0000000", "NewFrom": "2024-03-01 10:15:30.0000000"}], [{"DeptID": 1, "DeptName": "Sales", "ValidTo": "2024-03-01 10:15:30.0000000"}, {"DeptID": 2, "DeptName": "Finance", "ValidTo": "2024-03-01 10:15:30.0000000"}]]
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
DECLARE @out TABLE (act nvarchar(10), DeptID int, OldName varchar(50), NewName varchar(50), OldFrom datetime2, NewFrom datetime2);
MERGE dbo.Department AS t USING (VALUES (1, 'Sales v2')) AS s (DeptID, DeptName) ON t.DeptID = s.DeptID
WHEN MATCHED THEN UPDATE SET DeptName = s.DeptName
WHEN NOT MATCHED BY SOURCE THEN UPDATE SET DeptName = t.DeptName + ' (closed)'
OUTPUT $action, inserted.DeptID, deleted.DeptName, inserted.DeptName, deleted.ValidFrom, inserted.ValidFrom INTO @out;
SELECT act, DeptID, OldName, NewName, OldFrom, NewFrom FROM @out ORDER BY DeptID;
SELECT DeptID, DeptName, ValidTo FROM dbo.DepartmentHistory ORDER BY DeptID;
