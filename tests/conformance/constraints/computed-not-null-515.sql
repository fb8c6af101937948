-- rule: a computed column declared PERSISTED NOT NULL cannot hold NULL: an INSERT whose row computes NULL fails with 515 and writes nothing
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect: [[{"n": 515, "c": 1, "z": 12}]]
CREATE TABLE dbo.Pair (X int NULL, Y int NOT NULL, Z AS (X * 10 + Y) PERSISTED NOT NULL);
GO
-- test
INSERT INTO dbo.Pair (X, Y) VALUES (1, 2);
BEGIN TRY
  INSERT INTO dbo.Pair (X, Y) VALUES (NULL, 3);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, (SELECT COUNT(*) FROM dbo.Pair) AS c, (SELECT MAX(Z) FROM dbo.Pair) AS z;
END CATCH
