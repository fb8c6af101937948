-- rule: a CHECK constraint of a #temp table is enforced like a permanent table's (547)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect: [[{"n": 547, "c": 1}]]
-- test
CREATE TABLE #work (Id int NOT NULL, Pct decimal(5,2) NOT NULL CHECK (Pct BETWEEN 0 AND 100));
INSERT INTO #work (Id, Pct) VALUES (1, 50);
BEGIN TRY
  UPDATE #work SET Pct = Pct * 3;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, (SELECT COUNT(*) FROM #work WHERE Pct = 50) AS c;
END CATCH
