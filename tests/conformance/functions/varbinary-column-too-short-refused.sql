-- rule: storing more bytes than a binary(n)/varbinary(n) column holds fails the statement with error 2628 (ANSI_WARNINGS ON); the emulator refuses the value, since the message's truncated value for bytes is not reproduced
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error
-- expect-refused: storing more than 16 bytes in column 'h'
-- test
-- A SHA2_256 (32 bytes) written into a column sized for an MD5.
CREATE TABLE #h (h varbinary(16) NULL);
INSERT INTO #h (h) VALUES (HASHBYTES('SHA2_256', N'abc'));
SELECT h FROM #h;
