-- rule: ISNULL returns the type of its first argument: the replacement is cut to a varchar(1) variable's length
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnull-transact-sql
-- expect: [[{"n": 1, "s": "d", "t": "x"}]]
-- test
DECLARE @x int, @n int, @w varchar(1), @s varchar(10), @y varchar(10) = 'x', @t varchar(10);
SET @n = ISNULL(@x, 0) + 1;
SET @s = ISNULL(@w, 'dflt');
SET @t = ISNULL(@y, 'dflt');
SELECT @n AS n, @s AS s, @t AS t;
