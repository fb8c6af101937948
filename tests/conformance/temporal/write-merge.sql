-- rule: MERGE into a system-versioned table behaves as the INSERT, UPDATE and DELETE it does: updated and deleted rows go to history with ROW END = the transaction time, inserted and updated rows start at it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"DeptID": 1, "DeptName": "Sales v2", "ValidFrom": "2024-03-01 10:15:30.0000000"}, {"DeptID": 3, "DeptName": "Legal", "ValidFrom": "2023-01-01 00:00:00.0000000"}, {"DeptID": 4, "DeptName": "R&D", "ValidFrom": "2024-03-01 10:15:30.0000000"}], [{"DeptID": 1, "DeptName": "Sales", "ValidFrom": "2021-01-01 00:00:00.0000000", "ValidTo": "2024-03-01 10:15:30.0000000"}, {"DeptID": 1, "DeptName": "Sales v1", "ValidFrom": "2019-01-01 00:00:00.0000000", "ValidTo": "2021-01-01 00:00:00.0000000"}, {"DeptID": 2, "DeptName": "Finance", "ValidFrom": "2022-06-01 08:00:00.0000000", "ValidTo": "2024-03-01 10:15:30.0000000"}]]
-- input: dbo.Department
--| DeptID,DeptName,ValidFrom,ValidTo
--| 1,Sales,2021-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
--| 2,Finance,2022-06-01 08:00:00.0000000,9999-12-31 23:59:59.9999999
--| 3,Legal,2023-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
-- input: dbo.DepartmentHistory
--| DeptID,DeptName,ValidFrom,ValidTo
--| 1,Sales v1,2019-01-01 00:00:00.0000000,2021-01-01 00:00:00.0000000
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
DECLARE @src TABLE (DeptID int, DeptName varchar(50), Gone bit);
INSERT INTO @src VALUES (1, 'Sales v2', 0), (2, 'Finance', 1), (3, 'Legal', 0), (4, 'R&D', 0);
MERGE dbo.Department AS t USING @src AS s ON t.DeptID = s.DeptID
WHEN MATCHED AND s.Gone = 1 THEN DELETE
WHEN MATCHED AND t.DeptName <> s.DeptName THEN UPDATE SET DeptName = s.DeptName
WHEN NOT MATCHED THEN INSERT (DeptID, DeptName) VALUES (s.DeptID, s.DeptName);
SELECT DeptID, DeptName, ValidFrom FROM dbo.Department ORDER BY DeptID;
SELECT DeptID, DeptName, ValidFrom, ValidTo FROM dbo.DepartmentHistory ORDER BY DeptID, DeptName;
