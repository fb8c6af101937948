-- rule: UPDATE of a system-versioned table copies the old version of every row it touches (also one whose values do not change) to the history table with ROW END = the transaction time, and sets the row's ROW START to it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"DeptID": 1, "DeptName": "Sales v2", "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}, {"DeptID": 2, "DeptName": "Finance", "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}, {"DeptID": 3, "DeptName": "Legal", "ValidFrom": "2023-01-01 00:00:00.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}], [{"DeptID": 1, "DeptName": "Sales v1", "ValidFrom": "2019-01-01 00:00:00.0000000", "ValidTo": "2021-01-01 00:00:00.0000000"}, {"DeptID": 1, "DeptName": "Sales", "ValidFrom": "2021-01-01 00:00:00.0000000", "ValidTo": "2024-03-01 10:15:30.0000000"}, {"DeptID": 2, "DeptName": "Finance", "ValidFrom": "2022-06-01 08:00:00.0000000", "ValidTo": "2024-03-01 10:15:30.0000000"}], [{"n": 1}]]
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
UPDATE dbo.Department SET DeptName = 'Sales v2' WHERE DeptID = 1;
UPDATE d SET DeptName = d.DeptName FROM dbo.Department AS d WHERE d.DeptID = 2;
SELECT DeptID, DeptName, ValidFrom, ValidTo FROM dbo.Department ORDER BY DeptID;
SELECT DeptID, DeptName, ValidFrom, ValidTo FROM dbo.DepartmentHistory ORDER BY DeptID, ValidFrom;
DECLARE @n int = (SELECT COUNT(*) FROM dbo.Department FOR SYSTEM_TIME AS OF '2023-06-01' WHERE DeptName = 'Sales');
SELECT @n AS n;
