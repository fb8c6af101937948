-- rule: the @@ROWCOUNT page gives 1 after FETCH without saying what a FETCH that finds no row leaves: refused where read
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rowcount-transact-sql
-- expect-refused: @@ROWCOUNT after a FETCH that found no row
CREATE TABLE dbo.T (Id int NOT NULL);
GO
-- test
DECLARE @id int, @n int = 0;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id FROM dbo.T;
OPEN c;
FETCH NEXT FROM c INTO @id;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @n += 1;
  FETCH NEXT FROM c INTO @id;
END
SELECT @@ROWCOUNT AS rc;
