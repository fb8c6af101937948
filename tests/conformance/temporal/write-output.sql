-- rule: OUTPUT of an UPDATE of a system-versioned table: inserted holds the new row (ROW START = the transaction time), deleted the old one (its ROW START)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"DeptName": "Sales v2", "NewFrom": "2024-03-01 10:15:30.0000000", "NewTo": "9999-12-31 23:59:59.9999999", "OldName": "Sales", "OldFrom": "2021-01-01 00:00:00.0000000"}], [{"DeptID": 2, "DeptName": "Finance"}]]
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
UPDATE dbo.Department SET DeptName = 'Sales v2'
OUTPUT inserted.DeptName, inserted.ValidFrom AS NewFrom, inserted.ValidTo AS NewTo, deleted.DeptName AS OldName, deleted.ValidFrom AS OldFrom
WHERE DeptID = 1;
DELETE FROM dbo.Department OUTPUT deleted.DeptID, deleted.DeptName WHERE DeptID = 2;
