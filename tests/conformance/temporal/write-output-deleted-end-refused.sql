-- rule: OUTPUT deleted.<ROW END> of a system-versioned table: what SQL Server outputs there (the old end of time or the transaction time) is not documented, so the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30Z
-- expect-refused: OUTPUT of deleted.ValidTo
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
DELETE FROM dbo.Department OUTPUT deleted.DeptID, deleted.ValidTo WHERE DeptID = 2;
