-- rule: an IF or WHILE condition compares under the COLLATE it names as a query does: 'abc' COLLATE Latin1_General_CS_AS = 'ABC' is false, trailing blanks still ignored
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collation-precedence-transact-sql
-- expect: [[{"a": 0, "b": 1, "c": 1}]]
-- test
DECLARE @x varchar(10) = 'abc', @a int, @b int, @c int = 0;
IF @x COLLATE Latin1_General_CS_AS = 'ABC' SET @a = 1 ELSE SET @a = 0;
IF @x COLLATE Latin1_General_CS_AS = 'abc  ' SET @b = 1 ELSE SET @b = 0;
WHILE @x COLLATE Latin1_General_CS_AS <> UPPER(@x) BEGIN SET @x = UPPER(@x); SET @c = @c + 1; END
SELECT @a AS a, @b AS b, @c AS c;
