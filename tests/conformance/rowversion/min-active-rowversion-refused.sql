-- rule: MIN_ACTIVE_ROWVERSION() returns the lowest active rowversion value of the database, which the emulator does not know: refused where read
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/min-active-rowversion-transact-sql
-- expect-refused: MIN_ACTIVE_ROWVERSION() (the database's rowversion counter, which no input file holds
-- test
SELECT MIN_ACTIVE_ROWVERSION() AS ActiveVersion;
