-- rule: STRING_SPLIT's separator is a single character; SQL Server raises an error for a longer one, so the emulator refuses rather than splitting at the whole text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-split-transact-sql
-- expect-refused: STRING_SPLIT with a separator that is not one character
-- test
DECLARE @sep varchar(5) = ', ';
SELECT value FROM STRING_SPLIT('a, b, c', @sep);
