-- rule: FETCH PRIOR, FIRST, LAST, ABSOLUTE and RELATIVE need a scrollable cursor; SQL Server raises error 16911 for a FORWARD_ONLY or FAST_FORWARD one, and the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: which is not scrollable
-- test
DECLARE @x int;
DECLARE c CURSOR LOCAL FORWARD_ONLY FOR SELECT 1;
OPEN c;
FETCH LAST FROM c INTO @x;
