-- rule: an UPDATE through a CTE of a system-versioned table also writes its history table; the emulator refuses that form
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30
-- expect-refused: writing to the system-versioned temporal table dbo.Department this way
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
WITH d AS (SELECT DeptID, DeptName FROM dbo.Department WHERE DeptID = 1)
UPDATE d SET DeptName = 'Sales v2';
