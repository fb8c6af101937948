-- rule: a cursor over an inner join updates through WHERE CURRENT OF only the row of the table the UPDATE names (the account, not its product); FOR UPDATE OF may name columns with the table's alias
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/declare-cursor-transact-sql
-- expect: [[{"Account Id": 1, "Balance": "110.0000", "Last Capitalised": "2012-02-28"}, {"Account Id": 2, "Balance": "-51.0000", "Last Capitalised": "2012-02-28"}, {"Account Id": 3, "Balance": "7.0000", "Last Capitalised": null}], [{"Product Code": "CUR", "Rate": "2.00"}, {"Product Code": "SAV", "Rate": "10.00"}], [{"rc": 1}]]
-- input: [Core Banking].[Product]
--| Product Code,Rate
--| SAV,10.00
--| CUR,2.00
-- input: [Core Banking].[Account]
--| Account Id,Product Code,Balance,Last Capitalised,Status
--| 1,SAV,100.00,,A
--| 2,CUR,-50.00,,A
--| 3,SAV,7.00,,C
CREATE SCHEMA [Core Banking]
GO
CREATE TABLE [Core Banking].[Product] ([Product Code] varchar(10) NOT NULL PRIMARY KEY, [Rate] decimal(5,2) NOT NULL)
GO
CREATE TABLE [Core Banking].[Account] ([Account Id] int NOT NULL PRIMARY KEY, [Product Code] varchar(10) NOT NULL, [Balance] money NOT NULL, [Last Capitalised] date NULL, [Status] char(1) NOT NULL)
GO
-- test
DECLARE @id int, @bal money, @rate decimal(5,2), @rc int;
DECLARE cur_account CURSOR LOCAL FOR
    SELECT a.[Account Id], a.[Balance], p.[Rate]
    FROM [Core Banking].[Account] a
    JOIN [Core Banking].[Product] p ON p.[Product Code] = a.[Product Code]
    WHERE a.[Status] = 'A'
    ORDER BY a.[Account Id]
    FOR UPDATE OF a.[Balance], a.[Last Capitalised];
OPEN cur_account;
FETCH NEXT FROM cur_account INTO @id, @bal, @rate;
WHILE @@FETCH_STATUS = 0
BEGIN
    UPDATE [Core Banking].[Account]
    SET [Balance] = [Balance] + @bal * @rate / 100, [Last Capitalised] = '20120228'
    WHERE CURRENT OF cur_account;
    SET @rc = @@ROWCOUNT;
    FETCH NEXT FROM cur_account INTO @id, @bal, @rate;
END
CLOSE cur_account;
DEALLOCATE cur_account;
SELECT [Account Id], [Balance], [Last Capitalised] FROM [Core Banking].[Account] ORDER BY [Account Id];
SELECT [Product Code], [Rate] FROM [Core Banking].[Product] ORDER BY [Product Code];
SELECT @rc AS rc;
