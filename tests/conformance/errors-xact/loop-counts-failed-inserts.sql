-- rule: in a WHILE loop without TRY, each INSERT that repeats a key fails alone with 2627 and the loop goes on; @@ERROR counts the failures
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect: [[{"failed": 2, "n": 3}]]
-- test
CREATE TABLE #t (Id int NOT NULL PRIMARY KEY);
DECLARE @i int = 0, @failed int = 0;
WHILE @i < 5
BEGIN
  SET @i = @i + 1;
  INSERT INTO #t (Id) VALUES (@i % 3);
  IF @@ERROR <> 0 SET @failed = @failed + 1;
END
SELECT @failed AS failed, (SELECT COUNT(*) FROM #t) AS n;
