-- rule: outside TRY an UPDATE that violates a CHECK constraint fails with 547, changes nothing, and the next statement tests @@ERROR = 547 (the @@ERROR page's example A)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect: [[{"PayFrequency": 2}]]
-- expect-print: ["A check constraint violation occurred."]
CREATE TABLE dbo.PayHistory (Id int NOT NULL PRIMARY KEY, PayFrequency tinyint NOT NULL CHECK (PayFrequency IN (1, 2)));
GO
-- test
INSERT INTO dbo.PayHistory (Id, PayFrequency) VALUES (1, 2);
UPDATE dbo.PayHistory SET PayFrequency = 4 WHERE Id = 1;
IF @@ERROR = 547
BEGIN
  PRINT N'A check constraint violation occurred.';
END
SELECT PayFrequency FROM dbo.PayHistory;
