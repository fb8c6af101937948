-- rule: outside TRY an int overflow (8115) in a loop ends only its SET under the default ANSI_WARNINGS ON: the variable keeps 2147483647 and the loop runs to its end
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-arithabort-transact-sql
-- expect: [[{"i": 2147483647, "n": 10, "failed": 3}]]
-- test
DECLARE @i int = 2147483640, @n int = 0, @failed int = 0;
WHILE @n < 10
BEGIN
    SET @n = @n + 1;
    SET @i = @i + 1;
    IF @@ERROR = 8115 SET @failed = @failed + 1;
END
SELECT @i AS i, @n AS n, @failed AS failed;
