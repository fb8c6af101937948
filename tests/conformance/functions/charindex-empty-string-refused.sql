-- rule: CHARINDEX returns the 1-based position of the text to find, 0 when it is absent; what it returns for an empty text to find is not documented, so the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/charindex-transact-sql
-- expect-refused: CHARINDEX of an empty string
-- test
DECLARE @sep varchar(5) = '';
SELECT CHARINDEX(@sep, 'a,b') AS x;
