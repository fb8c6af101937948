-- rule: UPDATE … WHERE CURRENT OF changes only the row the cursor last fetched (@@ROWCOUNT 1), here a running total written into each row in the cursor's order; FOR UPDATE OF names the columns it may change
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect: [[{"Id": 1, "Amount": "10.00", "Running": "10.00"}, {"Id": 2, "Amount": "5.50", "Running": "15.50"}, {"Id": 3, "Amount": "1.25", "Running": "16.75"}], [{"rc": 1}]]
-- input: dbo.Ledger
--| Id,Amount,Running
--| 3,1.25,
--| 1,10.00,
--| 2,5.50,
CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL, Running decimal(9,2) NULL)
GO
-- test
DECLARE @id int, @amt decimal(9,2), @run decimal(9,2) = 0, @rc int;
DECLARE c CURSOR LOCAL FOR SELECT Id, Amount FROM dbo.Ledger ORDER BY Id FOR UPDATE OF Running;
OPEN c;
FETCH NEXT FROM c INTO @id, @amt;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @run = @run + @amt;
  UPDATE dbo.Ledger SET Running = @run WHERE CURRENT OF c;
  SET @rc = @@ROWCOUNT;
  FETCH NEXT FROM c INTO @id, @amt;
END
CLOSE c;
DEALLOCATE c;
SELECT Id, Amount, Running FROM dbo.Ledger ORDER BY Id;
SELECT @rc AS rc;
