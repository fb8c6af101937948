-- rule: every run of a statement reads the rows as they are then: a loop's repeated query counts the rows its earlier iterations changed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/while-transact-sql
-- expect: [[{"i": 1, "n": 3, "late": 0}, {"i": 2, "n": 2, "late": 1}, {"i": 3, "n": 1, "late": 2}]]
-- input: dbo.E
--| Id,D
--| 1,2025-01-02
--| 2,2025-01-03
--| 3,2025-01-04
CREATE TABLE dbo.E (Id int NOT NULL, D date NOT NULL);
GO
-- test
DECLARE @i int = 0, @n int, @late int;
DECLARE @log TABLE (i int, n int, late int);
WHILE @i < 3
BEGIN
  SET @i += 1;
  SELECT @n = COUNT(*) FROM dbo.E WHERE D < '2025-03-04';
  SELECT @late = COUNT(*) FROM dbo.E WHERE D > '2098-01-01';
  INSERT INTO @log (i, n, late) VALUES (@i, @n, @late);
  UPDATE dbo.E SET D = '2099-01-01' WHERE Id = @i;
END
SELECT i, n, late FROM @log ORDER BY i;
