-- rule: a cursor variable (DECLARE @c CURSOR; SET @c = CURSOR … FOR …) is opened, fetched, closed and deallocated through the variable like a named cursor
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect: [[{"total": 60, "n": 3}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (10), (20), (30);
DECLARE @c CURSOR, @x int, @total int = 0, @n int = 0;
SET @c = CURSOR LOCAL FAST_FORWARD FOR SELECT x FROM @t;
OPEN @c;
FETCH NEXT FROM @c INTO @x;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @total = @total + @x;
    SET @n = @n + 1;
    FETCH NEXT FROM @c INTO @x;
END
CLOSE @c;
DEALLOCATE @c;
SELECT @total AS total, @n AS n;
