-- rule: STRING_AGG over nvarchar counts 2 bytes a character toward its 8000-byte limit: 4,000 characters pass, 4,002 fail with 9829 (an empty string is aggregated with its separator; only NULL is skipped)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-agg-transact-sql
-- expect: [[{"n": 4000}]]
-- expect-print: []
-- test
DECLARE @t TABLE (Code nvarchar(10) NOT NULL);
DECLARE @i int = 0;
WHILE @i < 400
BEGIN
    INSERT INTO @t VALUES (N'abcdefghi');
    SET @i = @i + 1;
END
INSERT INTO @t VALUES (N'');
SELECT LEN(STRING_AGG(Code, N',')) AS n FROM @t;
BEGIN TRY
    INSERT INTO @t VALUES (N'x');
    SELECT LEN(STRING_AGG(Code, N',')) AS n FROM @t;
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 9829 THROW;
END CATCH
