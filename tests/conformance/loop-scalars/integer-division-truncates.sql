-- rule: integer division of variables truncates toward zero; % takes the sign of the dividend
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/modulo-transact-sql
-- expect: [[{"q": -3, "r": -1, "q2": 3, "r2": 1}]]
-- test
DECLARE @a int = -10, @b int = 3, @q int, @r int, @q2 int, @r2 int;
SET @q = @a / @b;
SET @r = @a % @b;
SET @q2 = -@a / @b;
SET @r2 = -@a % @b;
SELECT @q AS q, @r AS r, @q2 AS q2, @r2 AS r2;
