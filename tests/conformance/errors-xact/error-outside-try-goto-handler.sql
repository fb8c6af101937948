-- rule: outside TRY a key violation ends only its statement: the procedure goes on with @@ERROR = 2627 (and @@ROWCOUNT 0), and GOTO ErrorHandler returns the error
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-transact-sql
-- expect: [[{"err": 2627, "rc": 0, "n": 1}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Name varchar(10));
GO
-- test
DECLARE @err int, @rc int;
INSERT INTO dbo.T (Id, Name) VALUES (1, 'a');
INSERT INTO dbo.T (Id, Name) VALUES (1, 'b');
SELECT @err = @@ERROR, @rc = @@ROWCOUNT;
IF @err <> 0 GOTO ErrorHandler;
SELECT 'not reached' AS x;
RETURN 0;
ErrorHandler:
SELECT @err AS err, @rc AS rc, (SELECT COUNT(*) FROM dbo.T) AS n;
RETURN @err;
