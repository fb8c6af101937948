-- rule: an UPDATE whose transaction began before a touched row's ROW START fails with Msg 13535 (the run's clock, 2000-01-01, is before the row's 2021 start)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/database-engine-events-and-errors-13000-to-13999
-- clock: 2000-01-01T00:00:00Z
-- expect-error: 13535
-- input: dbo.Department
--| DeptID,DeptName,ValidFrom,ValidTo
--| 1,Sales v3,2021-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
-- input: dbo.DepartmentHistory
--| DeptID,DeptName,ValidFrom,ValidTo
--| 1,Sales v1,2019-01-01 00:00:00.0000000,2020-01-01 00:00:00.0000000
--| 1,Sales v2,2020-01-01 00:00:00.0000000,2021-01-01 00:00:00.0000000
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
UPDATE dbo.Department SET DeptName = 'Sales v4' WHERE DeptID = 1;
