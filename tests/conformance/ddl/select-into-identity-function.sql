-- rule: SELECT IDENTITY(type, seed, increment) AS c … INTO t numbers the rows (here in the ORDER BY's order) and makes c t's identity: later INSERTs continue from the last value, which @@IDENTITY returns after the SELECT … INTO
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/identity-function-transact-sql
-- expect: [[{"Seq": 100, "Name": "ant"}, {"Seq": 105, "Name": "bee"}, {"Seq": 110, "Name": "cat"}, {"Seq": 115, "Name": "dog"}], [{"last": "110", "n": 3}]]
CREATE TABLE dbo.Animal (Id int NOT NULL, Name varchar(10) NOT NULL)
GO
-- test
INSERT INTO dbo.Animal VALUES (1, 'cat'), (2, 'ant'), (3, 'bee');
SELECT IDENTITY(smallint, 100, 5) AS Seq, Name INTO #numbered FROM dbo.Animal ORDER BY Name;
DECLARE @last varchar(10) = CAST(@@IDENTITY AS varchar(10)), @n int = @@ROWCOUNT;
INSERT INTO #numbered (Name) VALUES ('dog');
SELECT Seq, Name FROM #numbered ORDER BY Seq;
SELECT @last AS last, @n AS n;
