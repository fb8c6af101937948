-- rule: a MERGE into a system-versioned table whose source and WHEN MATCHED clause read variables updates only the rows the test keeps, each old version going to history with ROW END = the transaction time
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql ; https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2025-04-01T03:00:00Z
-- expect: [[{"StudentID": 101, "GPA": "4.00", "ValidFrom": "2025-04-01 03:00:00.0000000"}, {"StudentID": 102, "GPA": "2.00", "ValidFrom": "2025-03-01 01:00:00.0000000"}, {"StudentID": 103, "GPA": "1.00", "ValidFrom": "2025-03-01 01:00:00.0000000"}], [{"StudentID": 101, "GPA": "3.10", "ValidFrom": "2025-03-01 01:00:00.0000000", "ValidTo": "2025-04-01 03:00:00.0000000"}]]
-- input: dbo.Gpa
--| StudentID,GPA,ValidFrom,ValidTo
--| 101,3.10,2025-03-01 01:00:00,9999-12-31 23:59:59.9999999
--| 102,2.00,2025-03-01 01:00:00,9999-12-31 23:59:59.9999999
--| 103,1.00,2025-03-01 01:00:00,9999-12-31 23:59:59.9999999
CREATE TABLE dbo.Gpa (
  StudentID int NOT NULL PRIMARY KEY,
  GPA decimal(4,2) NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.GpaHistory));
GO
-- test
DECLARE @From int = 102, @Floor decimal(4,2) = 1.50;
DECLARE @src TABLE (StudentID int, GPA decimal(4,2));
INSERT INTO @src VALUES (101, 4.00), (102, 2.00), (103, 3.00);
MERGE dbo.Gpa AS t
USING (SELECT StudentID, GPA FROM @src WHERE StudentID <> @From) AS s ON t.StudentID = s.StudentID
WHEN MATCHED AND t.GPA > @Floor THEN UPDATE SET GPA = s.GPA;
SELECT StudentID, GPA, ValidFrom FROM dbo.Gpa ORDER BY StudentID;
SELECT StudentID, GPA, ValidFrom, ValidTo FROM dbo.GpaHistory ORDER BY StudentID;
