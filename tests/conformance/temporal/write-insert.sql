-- rule: INSERT into a system-versioned table sets ROW START to the transaction's begin time (UTC) and ROW END to the largest datetime2; period columns may be left out of the column list or given DEFAULT; the history table is not written
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"DeptID": 10, "DeptName": "Marketing", "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}, {"DeptID": 11, "DeptName": "Sales", "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}, {"DeptID": 12, "DeptName": "Production", "ValidFrom": "2024-03-01 10:15:30.0000000", "ValidTo": "9999-12-31 23:59:59.9999999"}], [{"n": 0}]]
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
INSERT INTO dbo.Department (DeptID, DeptName) VALUES (10, 'Marketing');
INSERT INTO dbo.Department (DeptID, DeptName, ValidFrom, ValidTo) VALUES (11, 'Sales', DEFAULT, DEFAULT);
INSERT INTO dbo.Department VALUES (12, 'Production', DEFAULT, DEFAULT);
SELECT DeptID, DeptName, ValidFrom, ValidTo FROM dbo.Department ORDER BY DeptID;
SELECT COUNT(*) AS n FROM dbo.DepartmentHistory;
