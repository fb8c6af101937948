-- rule: STRING_AGG's result has its input's type; past 8000 bytes of a type that is not MAX it fails with error 9829 ("Use LOB types to avoid result truncation") instead of cutting the text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-agg-transact-sql
-- expect-error: 9829
-- test
DECLARE @t TABLE (Sku varchar(99) NOT NULL);
DECLARE @i int = 0;
WHILE @i < 90
BEGIN
    INSERT INTO @t VALUES ('SKU-' + RIGHT('0000' + CAST(@i AS varchar(5)), 5) + REPLICATE('.', 90));
    SET @i = @i + 1;
END
SELECT STRING_AGG(Sku, ',') WITHIN GROUP (ORDER BY Sku) AS skus FROM @t;
