-- rule: SYSTEM_VERSIONING = ON with a HISTORY_TABLE no script creates: SQL Server creates it with the current table's columns, and AS OF reads it (its name keeps the blank inside the brackets)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/creating-a-system-versioned-temporal-table
-- expect: [[{"DeptName": "Sales v2", "Budget": 200.00}]]
-- input: Org.Department
--| DeptID,DeptName,Budget,ValidFrom,ValidTo
--| 1,Sales v3,300.00,2021-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999
-- input: Org.Department History
--| DeptID,DeptName,Budget,ValidFrom,ValidTo
--| 1,Sales v1,100.00,2019-01-01 00:00:00.0000000,2020-01-01 00:00:00.0000000
--| 1,Sales v2,200.00,2020-01-01 00:00:00.0000000,2021-01-01 00:00:00.0000000
CREATE TABLE Org.Department (
  DeptID int IDENTITY(1, 1) PRIMARY KEY CLUSTERED,
  DeptName varchar(50) NOT NULL CONSTRAINT DF_Dept_Name DEFAULT ('new'),
  Budget decimal(9, 2) NULL CHECK (Budget >= 0),
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Org . [Department History]));
GO
-- test
SELECT DeptName, Budget FROM Org.Department FOR SYSTEM_TIME AS OF '2020-06-01' ORDER BY DeptName;
