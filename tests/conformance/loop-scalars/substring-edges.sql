-- rule: SUBSTRING with start below 1 returns start + length - 1 characters (or none); past the end returns ''; a NULL length returns NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/substring-transact-sql
-- expect: [[{"a": "a", "b": "", "c": "", "d": "bcd", "e": null}]]
-- test
DECLARE @w varchar(10) = 'abcd', @n int, @a varchar(10), @b varchar(10), @c varchar(10), @d varchar(10), @e varchar(10);
SET @a = SUBSTRING(@w, 0, 2);
SET @b = SUBSTRING(@w, -3, 2);
SET @c = SUBSTRING(@w, 10, 2);
SET @d = SUBSTRING(@w, 2, 100);
SET @e = SUBSTRING(@w, 1, @n);
SELECT @a AS a, @b AS b, @c AS c, @d AS d, @e AS e;
