-- rule: a PRIMARY KEY of a table variable is enforced: the repeated key fails with 2627, caught, and the variable keeps its earlier rows
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/table-transact-sql
-- expect: [[{"n": 2627, "c": 2}]]
-- test
DECLARE @ids TABLE (Id int NOT NULL PRIMARY KEY, Tag varchar(5) NULL);
INSERT INTO @ids (Id, Tag) VALUES (1, 'a'), (2, 'b');
BEGIN TRY
  INSERT INTO @ids (Id, Tag) VALUES (2, 'c');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, (SELECT COUNT(*) FROM @ids) AS c;
END CATCH
