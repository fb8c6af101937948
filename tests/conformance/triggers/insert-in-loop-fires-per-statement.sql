-- rule: each INSERT statement fires the table's AFTER INSERT trigger once, also one run again and again by a loop
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-trigger-transact-sql
-- expect: [[{"Id": 1, "Stamp": 1}, {"Id": 2, "Stamp": 2}, {"Id": 3, "Stamp": 3}]]
CREATE TABLE dbo.Reading (Id int PRIMARY KEY, Stamp int);
GO
CREATE TABLE dbo.Counter (N int);
GO
CREATE TRIGGER dbo.trg_Reading_Stamp ON dbo.Reading AFTER INSERT AS
BEGIN
  UPDATE dbo.Counter SET N = N + 1;
  UPDATE r SET Stamp = c.N FROM dbo.Reading AS r JOIN inserted AS i ON i.Id = r.Id CROSS JOIN dbo.Counter AS c;
END
GO
-- test
INSERT INTO dbo.Counter (N) VALUES (0);
DECLARE @i int = 1;
WHILE @i <= 3
BEGIN
  INSERT INTO dbo.Reading (Id) VALUES (@i);
  SET @i = @i + 1;
END
SELECT Id, Stamp FROM dbo.Reading ORDER BY Id;
