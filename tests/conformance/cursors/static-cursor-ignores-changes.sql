-- rule: a STATIC cursor fetches the rows as they were at OPEN: rows the loop inserts or changes later are not seen
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/declare-cursor-transact-sql
-- expect: [[{"seen": "1,2,3,", "n": 4}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (1), (2), (3);
DECLARE @x int, @seen varchar(50) = '';
DECLARE c CURSOR LOCAL STATIC FOR SELECT x FROM @t ORDER BY x;
OPEN c;
FETCH NEXT FROM c INTO @x;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @seen = @seen + CAST(@x AS varchar(5)) + ',';
    IF @x = 1 INSERT INTO @t VALUES (4);
    FETCH NEXT FROM c INTO @x;
END
CLOSE c;
DEALLOCATE c;
SELECT @seen AS seen, (SELECT COUNT(*) FROM @t) AS n;
