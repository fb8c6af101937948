-- rule: the period columns of a system-versioned table hold the transaction's begin time in UTC; a clock without the server's UTC offset is the server's local time, so the time to write is unknown: refused (not taken as UTC)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2024-03-01T10:15:30
-- expect-refused: writing to the system-versioned table dbo.Department without the server's UTC offset
CREATE TABLE dbo.Department (DeptID int NOT NULL PRIMARY KEY, DeptName varchar(50) NOT NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.DepartmentHistory));
GO
CREATE TABLE dbo.DepartmentHistory (DeptID int NOT NULL, DeptName varchar(50) NOT NULL, ValidFrom datetime2 NOT NULL, ValidTo datetime2 NOT NULL);
GO
-- test
INSERT INTO dbo.Department (DeptID, DeptName) VALUES (1, 'Payroll');
