-- rule: under CROSS/OUTER APPLY a multi-statement table-valued function runs for each left row with that row's arguments; CROSS APPLY keeps rows with a result, OUTER APPLY keeps the others with NULLs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/from-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/statements/create-function-transact-sql
-- expect: [[{"Id": 1, "k": 1, "sq": 1}, {"Id": 2, "k": 1, "sq": 1}, {"Id": 2, "k": 2, "sq": 4}, {"Id": 3, "k": 1, "sq": 1}, {"Id": 3, "k": 2, "sq": 4}], [{"Id": 0, "k": null, "sq": null}, {"Id": 1, "k": 1, "sq": 1}, {"Id": 4, "k": null, "sq": null}]]
CREATE FUNCTION dbo.SquaresUpTo (@n int) RETURNS @r TABLE (k int, sq int)
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
DECLARE @t TABLE (Id int, n int);
INSERT INTO @t VALUES (0, 0), (1, 1), (2, 2), (3, 2), (4, NULL);
SELECT t.Id, s.k, s.sq FROM @t t CROSS APPLY dbo.SquaresUpTo(t.n) s ORDER BY t.Id, s.k;
SELECT t.Id, s.k, s.sq FROM @t t OUTER APPLY dbo.SquaresUpTo(t.n) s WHERE t.Id IN (0, 1, 4) ORDER BY t.Id, s.k;
