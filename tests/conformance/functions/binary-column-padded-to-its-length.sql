-- rule: a binary(n) column holds a shorter value padded with zero bytes to n (SET ANSI_PADDING ON, the default); a varbinary(n) column keeps the value as it is, trailing zero bytes included
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-ansi-padding-transact-sql
-- expect: [[{"f": "0x0102000000", "v": "0x010200", "flen": 5, "vlen": 3}]]
-- test
-- An MD5 (16 bytes) kept in a binary(20) hash column reads back with four zero bytes after it.
CREATE TABLE #h (f binary(5) NULL, v varbinary(5) NULL);
INSERT INTO #h (f, v) VALUES (0x0102, 0x010200);
SELECT f, v, DATALENGTH(f) AS flen, DATALENGTH(v) AS vlen FROM #h;
