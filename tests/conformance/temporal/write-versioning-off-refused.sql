-- rule: ALTER TABLE … SET (SYSTEM_VERSIONING = OFF) inside a procedure (a data-load idiom) changes how later writes behave; the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/stopping-system-versioning-on-a-system-versioned-temporal-table
-- expect-refused: SYSTEM_VERSIONING
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
ALTER TABLE dbo.Department SET (SYSTEM_VERSIONING = OFF);
DELETE FROM dbo.DepartmentHistory;
ALTER TABLE dbo.Department SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.DepartmentHistory));
