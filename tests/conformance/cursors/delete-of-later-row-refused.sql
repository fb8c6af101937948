-- rule: a cursor that is not STATIC sees rows the loop deletes before it reaches them (a dynamic cursor skips them, a keyset cursor returns @@FETCH_STATUS -2, a static plan still returns them); the emulator refuses at the next FETCH
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: FETCH from the cursor due after the loop changed rows it has not fetched yet
-- input: dbo.Receivable
--| ReceivableId,DueDate,Balance
--| 701,2024-01-10,50.00
--| 702,2024-01-20,0.40
--| 703,2024-02-05,20.00
CREATE TABLE dbo.Receivable (ReceivableId int NOT NULL PRIMARY KEY, DueDate date NOT NULL, Balance decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.DunningLetter (ReceivableId int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
-- test
DECLARE @id int;
DECLARE due CURSOR LOCAL FORWARD_ONLY FOR
    SELECT ReceivableId FROM dbo.Receivable WHERE Balance > 0 ORDER BY DueDate;
OPEN due;
FETCH NEXT FROM due INTO @id;
WHILE @@FETCH_STATUS = 0
BEGIN
    INSERT INTO dbo.DunningLetter (ReceivableId, Amount) SELECT ReceivableId, Balance FROM dbo.Receivable WHERE ReceivableId = @id;
    -- balances under a unit are written off: rows the cursor has not reached yet go
    DELETE FROM dbo.Receivable WHERE Balance < 1.00;
    FETCH NEXT FROM due INTO @id;
END
CLOSE due;
DEALLOCATE due;
SELECT ReceivableId, Amount FROM dbo.DunningLetter ORDER BY ReceivableId;
