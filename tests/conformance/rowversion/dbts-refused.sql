-- rule: @@DBTS returns the database's last-used rowversion value, which the emulator does not know: refused where read
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/dbts-transact-sql
-- expect-refused: @@DBTS (the database's rowversion counter, which no input file holds
-- test
SELECT @@DBTS AS LastVersion;
