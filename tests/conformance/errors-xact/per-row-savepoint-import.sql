-- rule: an import that wraps each row in SAVE TRANSACTION + TRY and, in CATCH, rolls back to the savepoint and logs ERROR_NUMBER() keeps every good row and the log rows at COMMIT: under XACT_ABORT OFF a key (2627), NOT NULL (515) or CHECK (547) violation ends only its statement (the transaction stays committable), ROLLBACK TRANSACTION savepoint undoes exactly the work after the SAVE (here the row's counter update) and leaves @@TRANCOUNT at 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/xact-state-transact-sql
-- expect: [[{"Id": 1, "Name": "alpha", "Qty": 5}, {"Id": 2, "Name": "beta", "Qty": 7}, {"Id": 5, "Name": "epsilon", "Qty": 9}], [{"RowNo": 3, "Err": 2627, "xs": 1, "tc": 1}, {"RowNo": 4, "Err": 515, "xs": 1, "tc": 1}, {"RowNo": 6, "Err": 547, "xs": 1, "tc": 1}], [{"Loaded": 3, "tc": 0}]]
CREATE TABLE dbo.Staging (RowNo int NOT NULL, Id int NULL, Name varchar(20) NULL, Qty int NULL);
CREATE TABLE dbo.Product (Id int NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL, Qty int NOT NULL CHECK (Qty >= 0));
CREATE TABLE dbo.ImportErrors (RowNo int NOT NULL, Err int NOT NULL, xs int NOT NULL, tc int NOT NULL);
CREATE TABLE dbo.Counter (Loaded int NOT NULL);
GO
-- test
SET XACT_ABORT OFF;
INSERT INTO dbo.Counter (Loaded) VALUES (0);
INSERT INTO dbo.Staging VALUES (1, 1, 'alpha', 5), (2, 2, 'beta', 7), (3, 1, 'again', 3), (4, 4, NULL, 1), (5, 5, 'epsilon', 9), (6, 6, 'zeta', -2);
DECLARE @RowNo int, @Id int, @Name varchar(20), @Qty int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT RowNo, Id, Name, Qty FROM dbo.Staging ORDER BY RowNo;
BEGIN TRANSACTION;
OPEN c;
FETCH NEXT FROM c INTO @RowNo, @Id, @Name, @Qty;
WHILE @@FETCH_STATUS = 0
BEGIN
  SAVE TRANSACTION RowSave;
  BEGIN TRY
    UPDATE dbo.Counter SET Loaded = Loaded + 1;
    INSERT INTO dbo.Product (Id, Name, Qty) VALUES (@Id, @Name, @Qty);
  END TRY
  BEGIN CATCH
    ROLLBACK TRANSACTION RowSave;
    INSERT INTO dbo.ImportErrors (RowNo, Err, xs, tc) VALUES (@RowNo, ERROR_NUMBER(), XACT_STATE(), @@TRANCOUNT);
  END CATCH
  FETCH NEXT FROM c INTO @RowNo, @Id, @Name, @Qty;
END
CLOSE c;
DEALLOCATE c;
COMMIT TRANSACTION;
SELECT Id, Name, Qty FROM dbo.Product ORDER BY Id;
SELECT RowNo, Err, xs, tc FROM dbo.ImportErrors ORDER BY RowNo;
SELECT Loaded, @@TRANCOUNT AS tc FROM dbo.Counter;
