-- rule: every statement of one transaction uses the transaction's begin time for the period columns
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2024-03-01T10:15:30.25Z
-- expect: [[{"DeptID": 1, "DeptName": "Sales", "ValidTo": "2024-03-01 10:15:30.2500000"}, {"DeptID": 1, "DeptName": "Sales v1", "ValidTo": "2021-01-01 00:00:00.0000000"}, {"DeptID": 2, "DeptName": "Finance", "ValidTo": "2024-03-01 10:15:30.2500000"}], [{"DeptID": 1, "ValidFrom": "2024-03-01 10:15:30.2500000"}, {"DeptID": 3, "ValidFrom": "2023-01-01 00:00:00.0000000"}, {"DeptID": 5, "ValidFrom": "2024-03-01 10:15:30.2500000"}]]
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
BEGIN TRANSACTION;
UPDATE dbo.Department SET DeptName = 'Sales v2' WHERE DeptID = 1;
DELETE FROM dbo.Department WHERE DeptID = 2;
INSERT INTO dbo.Department (DeptID, DeptName) VALUES (5, 'Support');
COMMIT;
SELECT DeptID, DeptName, ValidTo FROM dbo.DepartmentHistory ORDER BY DeptID, DeptName;
SELECT DeptID, ValidFrom FROM dbo.Department ORDER BY DeptID;
