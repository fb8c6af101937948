-- rule: STRING_AGG over a varchar(max) value has no 8000-byte limit (CAST the input to MAX, as the error message advises)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-agg-transact-sql
-- expect: [[{"n": 8999}]]
-- test
DECLARE @t TABLE (Sku varchar(99) NOT NULL);
DECLARE @i int = 0;
WHILE @i < 90
BEGIN
    INSERT INTO @t VALUES ('SKU-' + RIGHT('0000' + CAST(@i AS varchar(5)), 5) + REPLICATE('.', 90));
    SET @i = @i + 1;
END
SELECT LEN(STRING_AGG(CAST(Sku AS varchar(max)), ',')) AS n FROM @t;
