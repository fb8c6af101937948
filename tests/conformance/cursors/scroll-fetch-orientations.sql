-- rule: a SCROLL cursor fetches LAST, PRIOR, FIRST, ABSOLUTE n (from the front, or from the end when negative) and RELATIVE n (from the current row); FETCH NEXT past the last row finds none (@@FETCH_STATUS -1) and leaves the variables as they were
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/fetch-transact-sql
-- expect: [[{"trace": "50:0 40:0 10:0 30:0 20:0 40:0 50:0 50:-1 50:-1 10:0 "}]]
-- test
DECLARE @t TABLE (x int);
INSERT INTO @t VALUES (30), (10), (50), (20), (40);
DECLARE @x int, @n int = -2, @trace varchar(200) = '';
DECLARE c SCROLL CURSOR FOR SELECT x FROM @t ORDER BY x;
OPEN c;
FETCH LAST FROM c INTO @x;        SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH PRIOR FROM c INTO @x;       SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH FIRST FROM c INTO @x;       SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH ABSOLUTE 3 FROM c INTO @x;  SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH RELATIVE -1 FROM c INTO @x; SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH ABSOLUTE @n FROM c INTO @x; SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH RELATIVE 1 FROM c INTO @x;  SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH NEXT FROM c INTO @x;        SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH NEXT FROM c INTO @x;        SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
FETCH FIRST FROM c INTO @x;       SET @trace = @trace + CONCAT(@x, ':', @@FETCH_STATUS, ' ');
CLOSE c;
DEALLOCATE c;
SELECT @trace AS trace;
