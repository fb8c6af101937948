-- rule: a cursor declared without STATIC sees rows the loop inserts ahead of it; the emulator, which reads rows at OPEN, refuses at the FETCH instead of skipping them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/declare-cursor-transact-sql
-- expect-refused: FETCH from the cursor c after the loop changed rows it has not fetched yet
CREATE TABLE dbo.Q (Id int NOT NULL)
GO
-- test
INSERT INTO dbo.Q VALUES (1), (2);
DECLARE @id int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id FROM dbo.Q ORDER BY Id;
OPEN c;
FETCH NEXT FROM c INTO @id;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF @id = 1 INSERT INTO dbo.Q VALUES (3);
    FETCH NEXT FROM c INTO @id;
END
CLOSE c;
DEALLOCATE c;
