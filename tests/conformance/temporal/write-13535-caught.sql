-- rule: Msg 13535 (transaction time earlier than a touched row's ROW START) is an error a CATCH block sees; the statement changes nothing
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/database-engine-events-and-errors-13000-to-13999
-- clock: 2022-01-01T00:00:00Z
-- expect: [[{"err": 13535}], [{"DeptID": 1, "DeptName": "Sales"}, {"DeptID": 2, "DeptName": "Finance"}, {"DeptID": 3, "DeptName": "Legal"}], [{"n": 1}]]
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
BEGIN TRY
  UPDATE dbo.Department SET DeptName = DeptName + '!';
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS err;
END CATCH;
SELECT DeptID, DeptName FROM dbo.Department ORDER BY DeptID;
SELECT COUNT(*) AS n FROM dbo.DepartmentHistory;
