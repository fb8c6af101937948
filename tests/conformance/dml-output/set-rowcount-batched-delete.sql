-- rule: SET ROWCOUNT n makes UPDATE and DELETE stop after n rows (@@ROWCOUNT tells how many), SET ROWCOUNT 0 lifts it: the batch-delete loop removes every qualifying row, n at a time
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-rowcount-transact-sql
-- expect: [[{"left": 1, "batches": 3, "updated": 2}]]
CREATE TABLE dbo.EventLog (Id int NOT NULL PRIMARY KEY, Created date NOT NULL, Seen bit NOT NULL)
GO
-- test
INSERT INTO dbo.EventLog VALUES (1, '2020-01-01', 0), (2, '2020-01-02', 0), (3, '2020-01-03', 0), (4, '2020-01-04', 0), (5, '2020-01-05', 0), (6, '2025-01-01', 0);
DECLARE @batches int = 0, @size int = 2, @updated int;
SET ROWCOUNT @size;
UPDATE dbo.EventLog SET Seen = 1 WHERE Seen = 0;
SET @updated = @@ROWCOUNT;
WHILE 1 = 1
BEGIN
  DELETE FROM dbo.EventLog WHERE Created < '2021-01-01';
  IF @@ROWCOUNT = 0 BREAK;
  SET @batches = @batches + 1;
END
SET ROWCOUNT 0;
SELECT COUNT(*) AS [left], @batches AS batches, @updated AS updated FROM dbo.EventLog;
