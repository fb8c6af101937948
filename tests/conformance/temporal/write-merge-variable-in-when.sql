-- rule: a MERGE into a system-versioned table whose WHEN NOT MATCHED BY SOURCE clause tests a variable deletes only the rows the test keeps, moving them to history with ROW END = the transaction time; the rows it updates go to history too
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql ; https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2025-04-01T03:00:00Z
-- expect: [[{"TermID": 1, "StudentID": 101, "GPA": "3.10", "ValidFrom": "2024-12-20 01:00:00.0000000"}, {"TermID": 2, "StudentID": 101, "GPA": "4.00", "ValidFrom": "2025-04-01 03:00:00.0000000"}, {"TermID": 2, "StudentID": 102, "GPA": "2.80", "ValidFrom": "2025-04-01 03:00:00.0000000"}], [{"TermID": 2, "StudentID": 101, "GPA": "3.10", "ValidFrom": "2025-03-01 01:00:00.0000000", "ValidTo": "2025-04-01 03:00:00.0000000"}, {"TermID": 2, "StudentID": 106, "GPA": "1.00", "ValidFrom": "2025-03-01 01:00:00.0000000", "ValidTo": "2025-04-01 03:00:00.0000000"}]]
-- input: dbo.TermGpa
--| TermID,StudentID,GPA,ValidFrom,ValidTo
--| 1,101,3.10,2024-12-20 01:00:00,9999-12-31 23:59:59.9999999
--| 2,101,3.10,2025-03-01 01:00:00,9999-12-31 23:59:59.9999999
--| 2,106,1.00,2025-03-01 01:00:00,9999-12-31 23:59:59.9999999
CREATE TABLE dbo.TermGpa (
  TermID int NOT NULL,
  StudentID int NOT NULL,
  GPA decimal(4,2) NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo),
  CONSTRAINT PK_TermGpa PRIMARY KEY (TermID, StudentID)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.TermGpaHistory));
GO
-- test
DECLARE @TermID int = 2;
DECLARE @src TABLE (TermID int, StudentID int, GPA decimal(4,2));
INSERT INTO @src VALUES (2, 101, 4.00), (2, 102, 2.80);
MERGE dbo.TermGpa AS t USING @src AS s ON t.TermID = s.TermID AND t.StudentID = s.StudentID AND s.TermID = @TermID
WHEN MATCHED THEN UPDATE SET GPA = s.GPA
WHEN NOT MATCHED BY TARGET THEN INSERT (TermID, StudentID, GPA) VALUES (s.TermID, s.StudentID, s.GPA)
WHEN NOT MATCHED BY SOURCE AND t.TermID = @TermID THEN DELETE;
SELECT TermID, StudentID, GPA, ValidFrom FROM dbo.TermGpa ORDER BY TermID, StudentID;
SELECT TermID, StudentID, GPA, ValidFrom, ValidTo FROM dbo.TermGpaHistory ORDER BY TermID, StudentID;
