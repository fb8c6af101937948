-- rule: FETCH from a cursor over no rows sets @@FETCH_STATUS to -1 at once
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/fetch-transact-sql
-- expect: [[{"s": -1, "x": null}]]
-- test
DECLARE @t TABLE (x int);
DECLARE @x int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT x FROM @t;
OPEN c;
FETCH NEXT FROM c INTO @x;
SELECT @@FETCH_STATUS AS s, @x AS x;
CLOSE c;
DEALLOCATE c;
