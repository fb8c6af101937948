-- rule: INSERT and DELETE of a system-versioned table run in a loop write its history row by row as single statements do (the period columns and the history rows on every path)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"DeptID": 3, "ValidFrom": "2023-01-01 00:00:00.0000000"}, {"DeptID": 10, "ValidFrom": "2024-03-01 10:15:30.0000000"}, {"DeptID": 11, "ValidFrom": "2024-03-01 10:15:30.0000000"}], [{"DeptID": 1, "ValidTo": "2024-03-01 10:15:30.0000000"}, {"DeptID": 2, "ValidTo": "2024-03-01 10:15:30.0000000"}]]
-- input: dbo.Department
--| DeptID,DeptName,ValidFrom,ValidTo
--| 1,Sales,2021-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
--| 2,Finance,2022-06-01 08:00:00.0000000,9999-12-31 23:59:59.9999999
--| 3,Legal,2023-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
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
DECLARE @i int = 1;
WHILE @i <= 2
BEGIN
  DELETE FROM dbo.Department WHERE DeptID = @i;
  INSERT INTO dbo.Department (DeptID, DeptName) VALUES (@i + 9, 'New');
  SET @i = @i + 1;
END;
SELECT DeptID, ValidFrom FROM dbo.Department ORDER BY DeptID;
SELECT DeptID, ValidTo FROM dbo.DepartmentHistory ORDER BY DeptID;
