-- rule: arithmetic overflow (8115) in SET is an error TRY/CATCH catches; the variable keeps its value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/try-catch-transact-sql
-- expect: [[{"n": 8115, "i": -2147483648}]]
-- test
DECLARE @i int = -2147483648, @n int;
BEGIN TRY
    SET @i = @i - 1;
END TRY
BEGIN CATCH
    SET @n = ERROR_NUMBER();
END CATCH
SELECT @n AS n, @i AS i;
