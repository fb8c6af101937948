-- rule: a cursor declared without FOR UPDATE (and not STATIC, FAST_FORWARD or READ_ONLY) is updatable: DELETE … WHERE CURRENT OF removes the row it last fetched, a row keyed by two columns here
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/delete-transact-sql
-- expect: [[{"Acct": 1, "Day": "2024-02-01", "Amount": "10.00"}, {"Acct": 2, "Day": "2024-02-01", "Amount": "7.00"}]]
-- input: dbo.Accrual
--| Acct,Day,Amount
--| 1,2024-02-01,10.00
--| 1,2024-02-02,0.50
--| 2,2024-02-01,7.00
--| 2,2024-02-02,0.00
CREATE TABLE dbo.Accrual (Acct int NOT NULL, Day date NOT NULL, Amount decimal(9,2) NOT NULL, PRIMARY KEY (Acct, Day))
GO
-- test
DECLARE @acct int, @day date, @amt decimal(9,2);
DECLARE c CURSOR LOCAL FOR SELECT Acct, Day, Amount FROM dbo.Accrual;
OPEN c;
FETCH NEXT FROM c INTO @acct, @day, @amt;
WHILE @@FETCH_STATUS = 0
BEGIN
  IF @amt < 1 DELETE FROM dbo.Accrual WHERE CURRENT OF c;
  FETCH NEXT FROM c INTO @acct, @day, @amt;
END
CLOSE c;
DEALLOCATE c;
SELECT Acct, Day, Amount FROM dbo.Accrual ORDER BY Acct, Day;
