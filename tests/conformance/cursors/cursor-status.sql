-- rule: CURSOR_STATUS is 1 for an open cursor with rows, -1 once closed, -3 when it does not exist
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cursor-status-transact-sql
-- expect: [[{"open_rows": 1, "closed": -1, "missing": -3}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1);
DECLARE @a int, @b int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT x FROM @t;
OPEN c;
SET @a = CURSOR_STATUS('local', 'c');
CLOSE c;
SET @b = CURSOR_STATUS('local', 'c');
SELECT @a AS open_rows, @b AS closed, CURSOR_STATUS('local', 'nope') AS missing;
DEALLOCATE c;
