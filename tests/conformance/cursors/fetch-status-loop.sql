-- rule: @@FETCH_STATUS is 0 after a row and -1 past the end
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/fetch-status-transact-sql
-- expect: [[{"total": 6, "last_status": -1}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2), (3);
DECLARE @x int, @total int = 0;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT x FROM @t ORDER BY x;
OPEN c;
FETCH NEXT FROM c INTO @x;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @total = @total + @x;
  FETCH NEXT FROM c INTO @x;
END
SELECT @total AS total, @@FETCH_STATUS AS last_status;
CLOSE c;
DEALLOCATE c;
