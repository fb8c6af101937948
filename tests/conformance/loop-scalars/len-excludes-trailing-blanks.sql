-- rule: LEN counts characters without trailing blanks (leading blanks count); LEN of NULL is NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/len-transact-sql
-- expect: [[{"a": 2, "b": 4, "c": 0, "d": null}]]
-- test
DECLARE @a int, @b int, @c int, @d int, @w varchar(10) = 'ab  ', @x varchar(10) = '  ab', @e varchar(10) = '   ', @n varchar(10);
SET @a = LEN(@w);
SET @b = LEN(@x);
SET @c = LEN(@e);
SET @d = LEN(@n);
SELECT @a AS a, @b AS b, @c AS c, @d AS d;
