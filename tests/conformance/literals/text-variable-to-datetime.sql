-- rule: a varchar variable holding yyyymmdd text converts to datetime (CAST, CONVERT style 112, ISDATE), the variable's value read as a literal would be
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"a": "1990-02-28 00:00:00.000", "b": "1990-02-28 00:00:00.000", "ok": 1, "bad": 0}]]
-- test
DECLARE @txt varchar(20), @bad varchar(20), @d datetime, @ok int, @no int;
SET @txt = '19900228';
SET @bad = '19900230';
SET @d = CAST(@txt AS datetime);
IF ISDATE(@txt) = 1 SET @ok = 1 ELSE SET @ok = 0;
IF ISDATE(@bad) = 1 SET @no = 1 ELSE SET @no = 0;
SELECT @d AS a, CONVERT(datetime, @txt, 112) AS b, @ok AS ok, @no AS bad;
