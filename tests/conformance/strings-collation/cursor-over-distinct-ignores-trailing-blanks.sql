-- rule: a cursor over SELECT DISTINCT fetches text differing only in case or trailing blanks once, and an INSERT of a UNION keeps one such row, as the collation compares them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql
-- expect: [[{"cnt": 2, "rows": 2}]]
-- test
DECLARE @t TABLE (x varchar(5), n int);
INSERT INTO @t (x, n) SELECT 'a', 1 UNION SELECT 'A ', 1 UNION SELECT 'b', 2;
DECLARE @v varchar(5), @cnt int = 0;
DECLARE c CURSOR LOCAL FOR SELECT DISTINCT x FROM @t ORDER BY x;
OPEN c;
FETCH NEXT FROM c INTO @v;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @cnt = @cnt + 1;
  FETCH NEXT FROM c INTO @v;
END
CLOSE c;
DEALLOCATE c;
SELECT @cnt AS cnt, (SELECT COUNT(*) FROM @t) AS rows;
