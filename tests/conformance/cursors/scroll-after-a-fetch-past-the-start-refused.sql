-- rule: where a cursor stands after a FETCH PRIOR that found no row (other than the first FETCH) is not documented; the emulator refuses to move from it rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/fetch-transact-sql
-- expect-refused: after a FETCH that found no row
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2);
DECLARE @x int;
DECLARE c CURSOR LOCAL STATIC FOR SELECT x FROM @t ORDER BY x;
OPEN c;
FETCH FIRST FROM c INTO @x;
FETCH PRIOR FROM c INTO @x;
FETCH NEXT FROM c INTO @x;
