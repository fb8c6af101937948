-- rule: a multi-statement table-valued function returns the rows its body inserted into the RETURNS table variable
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-function-transact-sql
-- expect: [[{"k": 1, "sq": 1}, {"k": 2, "sq": 4}, {"k": 3, "sq": 9}]]
CREATE FUNCTION dbo.Squares (@n int) RETURNS @r TABLE (k int, sq int)
AS
BEGIN
    DECLARE @i int = 1;
    WHILE @i <= @n
    BEGIN
        INSERT INTO @r VALUES (@i, @i * @i);
        SET @i = @i + 1;
    END
    RETURN;
END
GO
-- test
SELECT k, sq FROM dbo.Squares(3) ORDER BY k;
