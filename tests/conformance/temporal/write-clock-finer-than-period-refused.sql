-- rule: the period columns hold the transaction time at their datetime2 precision; how SQL Server rounds a finer time into datetime2(2) is not documented, so the emulator refuses a --clock with more digits than the column keeps
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/temporal-tables
-- clock: 2024-03-01T10:15:30.123Z
-- expect-refused: has more fractional digits than its period column ValidFrom, datetime2(2)
CREATE TABLE dbo.Location (
  LocID int NOT NULL PRIMARY KEY,
  LocName varchar(50) NOT NULL,
  ValidFrom datetime2(2) GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2(2) GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.LocationHistory));
GO
-- test
INSERT INTO dbo.Location (LocID, LocName) VALUES (1, 'Oslo');
