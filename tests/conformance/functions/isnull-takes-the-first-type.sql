-- rule: ISNULL returns the type of its first argument, converting the replacement to it (an int truncates 1.5 to 1, a decimal(5,2) rounds to two places); COALESCE takes the highest type of all its arguments
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnull-transact-sql
-- expect: [[{"a": 1, "b": 1.23, "c": 1.5}]]
-- test
DECLARE @i int = NULL, @d decimal(5,2) = NULL;
SELECT ISNULL(@i, 1.5) AS a, ISNULL(@d, 1.2345) AS b, COALESCE(@i, 1.5) AS c;
