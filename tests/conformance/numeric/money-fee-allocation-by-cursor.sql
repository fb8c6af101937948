-- rule: a finance allocation `@Fee * Balance / @Total` over money, row by row through a cursor: the product of two-decimal amounts is exact, the quotient keeps four decimals by truncating (99.99 * 1250.00 / 10000.00 = 12.49875 is 12.4987), so the shares add up to less than the fee (99.9898)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/ ; http://www.chrisloves.net/blog/Avoid+the+Money+datatype+in+SQL+for+calculations ; https://adamhutson.com/2009/11/20/money-vs-decimal-data-types-in-sql-server/
-- expect: [[{"Account Id": 1, "Fee Share": "12.4987"}, {"Account Id": 2, "Fee Share": "33.3866"}, {"Account Id": 3, "Fee Share": "4.1095"}, {"Account Id": 4, "Fee Share": "49.9950"}], [{"Allocated": "99.9898"}]]
-- input: dbo.Account Balance
--| Account Id,Balance
--| 1,1250.00
--| 2,3339.00
--| 3,411.00
--| 4,5000.00
CREATE TABLE dbo.[Account Balance] ([Account Id] int NOT NULL PRIMARY KEY, Balance money NOT NULL)
GO
CREATE TABLE dbo.[Fee Allocation] ([Account Id] int NOT NULL, [Fee Share] money NOT NULL)
GO
-- test
DECLARE @Fee money = 99.99, @Total money, @Id int, @Balance money, @Share money;
SELECT @Total = SUM(Balance) FROM dbo.[Account Balance];
DECLARE accounts CURSOR LOCAL FAST_FORWARD FOR SELECT [Account Id], Balance FROM dbo.[Account Balance] ORDER BY [Account Id];
OPEN accounts;
FETCH NEXT FROM accounts INTO @Id, @Balance;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @Share = @Fee * @Balance / @Total;
    INSERT INTO dbo.[Fee Allocation] ([Account Id], [Fee Share]) VALUES (@Id, @Share);
    FETCH NEXT FROM accounts INTO @Id, @Balance;
END
CLOSE accounts;
DEALLOCATE accounts;
SELECT [Account Id], CONVERT(varchar(30), [Fee Share], 2) AS [Fee Share] FROM dbo.[Fee Allocation] ORDER BY [Account Id];
SELECT CONVERT(varchar(30), SUM([Fee Share]), 2) AS Allocated FROM dbo.[Fee Allocation];
