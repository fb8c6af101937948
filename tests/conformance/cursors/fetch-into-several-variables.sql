-- rule: FETCH INTO assigns the columns of the row to the variables in order
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/fetch-transact-sql
-- expect: [[{"names": "pear:2;apple:1;"}]]
-- test
DECLARE @t TABLE (id int, name varchar(10));
INSERT INTO @t VALUES (1, 'apple'), (2, 'pear');
DECLARE @id int, @name varchar(10), @out varchar(100) = '';
DECLARE c CURSOR LOCAL STATIC FOR SELECT id, name FROM @t ORDER BY id DESC;
OPEN c;
FETCH NEXT FROM c INTO @id, @name;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @out = @out + @name + ':' + CAST(@id AS varchar(5)) + ';';
  FETCH NEXT FROM c INTO @id, @name;
END
CLOSE c;
DEALLOCATE c;
SELECT @out AS names;
