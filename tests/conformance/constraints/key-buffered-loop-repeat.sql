-- rule: in a loop that deletes and inserts one row per key, a repeated key still fails at the INSERT that repeats it (2627), caught there, with the rows before it kept
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect: [[{"caught": 1, "c": 3}]]
CREATE TABLE dbo.Counts (Id int NOT NULL PRIMARY KEY, N int NOT NULL);
GO
-- test
DECLARE @i int = 1, @caught int = 0;
WHILE @i <= 4
BEGIN
  DELETE FROM dbo.Counts WHERE Id = @i;
  INSERT INTO dbo.Counts (Id, N) VALUES (@i, @i * 10);
  IF @i = 3
  BEGIN
    BEGIN TRY
      INSERT INTO dbo.Counts (Id, N) VALUES (2, 0);
    END TRY
    BEGIN CATCH
      SET @caught = @caught + 1;
      BREAK;
    END CATCH
  END
  SET @i = @i + 1;
END
SELECT @caught AS caught, (SELECT COUNT(*) FROM dbo.Counts) AS c;
