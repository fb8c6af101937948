-- rule: WHERE CURRENT OF names the row its own cursor last fetched, whatever another cursor fetched since: after a nested cursor's loop ends (@@FETCH_STATUS -1), the outer cursor is still on its row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect: [[{"AccountId": 1, "Total": "15.00"}, {"AccountId": 2, "Total": "7.25"}]]
-- input: dbo.Account
--| AccountId,Total
--| 1,
--| 2,
-- input: dbo.Fee
--| FeeId,AccountId,Amount
--| 1,1,10.00
--| 2,1,5.00
--| 3,2,7.25
CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, Total decimal(9,2) NULL)
GO
CREATE TABLE dbo.Fee (FeeId int NOT NULL PRIMARY KEY, AccountId int NOT NULL, Amount decimal(9,2) NOT NULL)
GO
-- test
DECLARE @acct int, @amt decimal(9,2), @sum decimal(9,2);
DECLARE a CURSOR LOCAL FOR SELECT AccountId FROM dbo.Account ORDER BY AccountId FOR UPDATE OF Total;
OPEN a;
FETCH NEXT FROM a INTO @acct;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @sum = 0;
  DECLARE f CURSOR LOCAL FAST_FORWARD FOR SELECT Amount FROM dbo.Fee WHERE AccountId = @acct ORDER BY FeeId;
  OPEN f;
  FETCH NEXT FROM f INTO @amt;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @sum = @sum + @amt;
    FETCH NEXT FROM f INTO @amt;
  END
  CLOSE f;
  DEALLOCATE f;
  UPDATE dbo.Account SET Total = @sum WHERE CURRENT OF a;
  FETCH NEXT FROM a INTO @acct;
END
CLOSE a;
DEALLOCATE a;
SELECT AccountId, Total FROM dbo.Account ORDER BY AccountId;
