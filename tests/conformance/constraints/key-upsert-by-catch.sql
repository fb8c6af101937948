-- rule: 2627 is catchable and the failed INSERT writes nothing, so "INSERT, and UPDATE when the key exists" upserts each row once
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect: [[{"Id": 1, "Amount": 15}, {"Id": 2, "Amount": 7}]]
CREATE TABLE dbo.Totals (Id int NOT NULL CONSTRAINT PK_Totals PRIMARY KEY, Amount int NOT NULL);
GO
-- test
DECLARE @i int = 0, @id int, @amt int;
WHILE @i < 3
BEGIN
  SELECT @id = CASE @i WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 1 END, @amt = CASE @i WHEN 0 THEN 10 WHEN 1 THEN 7 ELSE 5 END;
  BEGIN TRY
    INSERT INTO dbo.Totals (Id, Amount) VALUES (@id, @amt);
  END TRY
  BEGIN CATCH
    IF ERROR_NUMBER() = 2627 UPDATE dbo.Totals SET Amount = Amount + @amt WHERE Id = @id;
  END CATCH
  SET @i = @i + 1;
END
SELECT Id, Amount FROM dbo.Totals ORDER BY Id;
