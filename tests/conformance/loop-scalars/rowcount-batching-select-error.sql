-- rule: SET ROWCOUNT n limits the rows of each statement; a SELECT of one row without FROM (the @@ERROR/@@ROWCOUNT capture of a batching loop) and a one-row INSERT … VALUES are never cut
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-rowcount-transact-sql
-- expect: [[{"batches": 3, "done": 5, "logged": 3}]]
-- input: dbo.T
--| Id,Flag
--| 1,0
--| 2,0
--| 3,0
--| 4,0
--| 5,0
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Flag int NOT NULL)
GO
CREATE TABLE dbo.Log (Batch int NOT NULL, N int NULL)
GO
-- test
DECLARE @err int, @rc int, @batches int = 0;
SET ROWCOUNT 2;
WHILE 1 = 1
BEGIN
    UPDATE dbo.T SET Flag = 1 WHERE Flag = 0;
    SELECT @err = @@ERROR, @rc = @@ROWCOUNT;
    IF @err <> 0 OR @rc = 0 BREAK;
    SET @batches = @batches + 1;
    INSERT dbo.Log (Batch, N) VALUES (@batches, @rc);
END
SET ROWCOUNT 0;
SELECT @batches AS batches, (SELECT COUNT(*) FROM dbo.T WHERE Flag = 1) AS done, (SELECT COUNT(*) FROM dbo.Log) AS logged;
