-- rule: a 2000-era per-row import without TRY: under XACT_ABORT OFF a duplicate key (2627) or NULL into NOT NULL (515) outside TRY ends only its statement and sets @@ERROR; ROLLBACK TRANSACTION to the row's savepoint undoes the row's earlier work (its Seen row) and keeps the transaction open, and COMMIT keeps the good rows and the error rows
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-xact-abort-transact-sql
-- expect: [[{"Id": 1, "Name": "n1"}, {"Id": 2, "Name": "n2"}, {"Id": 5, "Name": "n5"}], [{"Id": 1}, {"Id": 2}, {"Id": 5}], [{"RowNo": 3, "Err": 2627}, {"RowNo": 4, "Err": 515}], [{"tc": 0}]]
CREATE TABLE dbo.Target (Id int NOT NULL PRIMARY KEY, Name varchar(10) NOT NULL);
CREATE TABLE dbo.Seen (Id int NOT NULL);
CREATE TABLE dbo.Errs (RowNo int NOT NULL, Err int NOT NULL);
GO
-- test
DECLARE @i int, @Id int, @Name varchar(10), @err int;
SET @i = 1;
BEGIN TRAN;
WHILE @i <= 5
BEGIN
  SELECT @Id = CASE @i WHEN 3 THEN 1 ELSE @i END, @Name = CASE @i WHEN 4 THEN NULL ELSE 'n' + CAST(@i AS varchar(2)) END;
  SAVE TRAN RowSave;
  INSERT INTO dbo.Seen (Id) VALUES (@Id);
  INSERT INTO dbo.Target (Id, Name) VALUES (@Id, @Name);
  SET @err = @@ERROR;
  IF @err <> 0
  BEGIN
    ROLLBACK TRAN RowSave;
    INSERT INTO dbo.Errs (RowNo, Err) VALUES (@i, @err);
  END
  SET @i = @i + 1;
END
COMMIT TRAN;
SELECT Id, Name FROM dbo.Target ORDER BY Id;
SELECT Id FROM dbo.Seen ORDER BY Id;
SELECT RowNo, Err FROM dbo.Errs ORDER BY RowNo;
SELECT @@TRANCOUNT AS tc;
