-- rule: an IF whose condition divides by zero (8134) outside TRY ends only that IF under the default ANSI_WARNINGS ON; the loop goes on with @@ERROR = 8134
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-arithabort-transact-sql
-- expect: [[{"hits": 2, "errs": 1}]]
-- test
DECLARE @i int = 0, @hits int = 0, @errs int = 0;
WHILE @i < 5
BEGIN
  SET @i = @i + 1;
  IF 10 / (@i - 3) > 0 SET @hits = @hits + 1;
  SET @errs = @errs + CASE WHEN @@ERROR = 8134 THEN 1 ELSE 0 END;
END
SELECT @hits AS hits, @errs AS errs;
