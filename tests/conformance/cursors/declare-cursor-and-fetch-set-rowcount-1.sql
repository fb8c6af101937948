-- rule: DECLARE CURSOR and FETCH set @@ROWCOUNT to 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/rowcount-transact-sql
-- expect: [[{"afterDeclare": 1, "afterFetch": 1, "id": 1}]]
CREATE TABLE dbo.T (Id int NOT NULL);
GO
-- test
DECLARE @id int, @d int, @f int;
INSERT INTO dbo.T (Id) VALUES (1), (2), (3);
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id FROM dbo.T ORDER BY Id;
SET @d = @@ROWCOUNT;
OPEN c;
UPDATE dbo.T SET Id = Id;
FETCH NEXT FROM c INTO @id;
SET @f = @@ROWCOUNT;
CLOSE c;
DEALLOCATE c;
SELECT @d AS afterDeclare, @f AS afterFetch, @id AS id;
