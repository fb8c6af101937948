-- rule: CROSS APPLY runs a table-valued function for each left row and keeps rows with a result; OUTER APPLY keeps the others with NULLs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/from-transact-sql
-- expect: [[{"Id": 1, "n": 1}, {"Id": 2, "n": 1}, {"Id": 2, "n": 2}], [{"Id": 0, "n": null}, {"Id": 1, "n": 1}]]
CREATE FUNCTION dbo.UpTo (@k int) RETURNS TABLE AS RETURN (SELECT n FROM (VALUES (1), (2), (3)) AS v(n) WHERE n <= @k)
GO
-- test
DECLARE @t TABLE (Id int);
INSERT INTO @t VALUES (0), (1), (2);
SELECT t.Id, u.n FROM @t t CROSS APPLY dbo.UpTo(t.Id) u ORDER BY t.Id, u.n;
SELECT t.Id, u.n FROM @t t OUTER APPLY dbo.UpTo(t.Id) u WHERE t.Id < 2 ORDER BY t.Id, u.n;
