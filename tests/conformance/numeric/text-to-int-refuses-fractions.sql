-- rule: text converts to int only when it is an optional sign and digits with blanks around (empty text is 0): '1.5' fails with 245 instead of being rounded
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-error: 245
-- test
DECLARE @t TABLE (Qty varchar(10));
INSERT INTO @t VALUES ('12'), ('1.5');
SELECT SUM(CAST(Qty AS int)) AS total FROM @t;
