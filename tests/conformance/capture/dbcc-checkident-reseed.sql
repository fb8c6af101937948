-- rule: DBCC CHECKIDENT (t, RESEED, n) makes n the current identity value: the next row gets n + increment when rows were inserted (then DELETEd), n itself when none was inserted since the table was created or TRUNCATEd
-- source: https://learn.microsoft.com/en-us/sql/t-sql/database-console-commands/dbcc-checkident-transact-sql
-- expect: [[{"Id": 6, "V": "after delete"}, {"Id": 20, "V": "after truncate"}, {"Id": 100, "V": "new table"}], [{"cur": 20}]]
-- expect-print: ["Checking identity information: current identity value 'NULL'.", "DBCC execution completed. If DBCC printed error messages, contact your system administrator."]
CREATE TABLE dbo.S (Id int IDENTITY(1,1) NOT NULL, V varchar(20) NOT NULL);
GO
-- test
CREATE TABLE #r (Id int IDENTITY(1,1) NOT NULL, V varchar(20) NOT NULL);
DBCC CHECKIDENT ('#r', RESEED, 100);
INSERT INTO #r (V) VALUES ('new table');
INSERT INTO dbo.S (V) VALUES ('a'), ('b'), ('c');
DELETE FROM dbo.S;
DBCC CHECKIDENT ('dbo.S', RESEED, 5) WITH NO_INFOMSGS;
INSERT INTO dbo.S (V) VALUES ('after delete');
DECLARE @out TABLE (Id int, V varchar(20));
INSERT INTO @out (Id, V) SELECT Id, V FROM dbo.S;
TRUNCATE TABLE dbo.S;
DBCC CHECKIDENT ('dbo.S', RESEED, 20) WITH NO_INFOMSGS;
INSERT INTO dbo.S (V) VALUES ('after truncate');
INSERT INTO @out (Id, V) SELECT Id, V FROM dbo.S UNION ALL SELECT Id, V FROM #r;
SELECT Id, V FROM @out ORDER BY Id;
SELECT IDENT_CURRENT('dbo.S') AS cur;
