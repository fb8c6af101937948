-- rule: a PRIMARY KEY of a #temp table is enforced like a permanent table's: INSERT … SELECT repeating a key fails with 2627 and writes none of its rows
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect: [[{"n": 2627, "c": 0}]]
-- test
CREATE TABLE #ids (Id int NOT NULL PRIMARY KEY);
BEGIN TRY
  INSERT INTO #ids (Id) SELECT v.Id FROM (VALUES (1), (2), (1)) AS v (Id);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, (SELECT COUNT(*) FROM #ids) AS c;
END CATCH
