-- rule: HIDDEN period columns are left out of an INSERT without a column list and of SELECT *, and still get the transaction time and the end of time
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table
-- clock: 2024-03-01T10:15:30Z
-- expect: [[{"LocID": 1, "LocName": "Oslo"}], [{"LocID": 1, "ValidFrom": "2024-03-01 10:15:30.00", "ValidTo": "9999-12-31 23:59:59.99"}]]
CREATE TABLE dbo.Location (
  LocID int NOT NULL PRIMARY KEY,
  LocName varchar(50) NOT NULL,
  ValidFrom datetime2(2) GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
  ValidTo datetime2(2) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.LocationHistory));
GO
-- test
INSERT INTO dbo.Location VALUES (1, 'Oslo');
SELECT * FROM dbo.Location;
SELECT LocID, ValidFrom, ValidTo FROM dbo.Location;
