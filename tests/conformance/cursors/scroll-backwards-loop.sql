-- rule: FETCH LAST then FETCH PRIOR while @@FETCH_STATUS = 0 walks a STATIC cursor's rows from the last to the first
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/fetch-transact-sql
-- expect: [[{"seen": "Cy,Bo,Al,"}]]
-- test
DECLARE @t TABLE (name varchar(10));
INSERT INTO @t VALUES ('Bo'), ('Al'), ('Cy');
DECLARE @name varchar(10), @seen varchar(50) = '';
DECLARE c CURSOR LOCAL STATIC FOR SELECT name FROM @t ORDER BY name;
OPEN c;
FETCH LAST FROM c INTO @name;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @seen = @seen + @name + ',';
    FETCH PRIOR FROM c INTO @name;
END
CLOSE c;
DEALLOCATE c;
SELECT @seen AS seen;
