-- rule: ISNUMERIC is 1 when the text converts to at least one numeric type; '1e309' and a 400-digit number fit none (beyond float's range), and whether SQL Server then returns 0 is not documented: refused, never guessed as 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
-- expect-refused: beyond float's range
-- test
DECLARE @t TABLE (Code varchar(500));
INSERT INTO @t VALUES ('12e4'), ('1e309');
SELECT Code, ISNUMERIC(Code) AS n FROM @t;
