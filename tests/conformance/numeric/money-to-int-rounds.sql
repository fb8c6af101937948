-- rule: money converted to an integer type rounds (decimal and float truncate): by CAST, by CONVERT, by assignment to an int variable, by storing into an int column, and as a function's int result
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"c": 11, "n": -11, "d": 10, "v": 11, "s": 3, "t": 2, "b": "-11"}], [{"Id": 1, "Whole": 11}, {"Id": 2, "Whole": -11}], [{"f": 11}]]
CREATE TABLE dbo.Pay (Id int NOT NULL, Net money NOT NULL, Whole int NULL)
GO
CREATE FUNCTION dbo.WholeUnits (@a money) RETURNS int AS BEGIN RETURN @a END
GO
-- test
DECLARE @m money = 10.6496, @i int, @b bigint;
SET @i = @m;
SET @b = -$10.6496;
SELECT CAST(@m AS int) AS c, CONVERT(int, -@m) AS n, CAST(CAST(@m AS decimal(9,4)) AS int) AS d, @i AS v,
       CAST(CAST(2.6 AS smallmoney) AS smallint) AS s, CAST($2.4999 AS tinyint) AS t, @b AS b;
INSERT INTO dbo.Pay (Id, Net) VALUES (1, 10.6496), (2, -10.6496);
UPDATE dbo.Pay SET Whole = Net;
SELECT Id, Whole FROM dbo.Pay ORDER BY Id;
SELECT dbo.WholeUnits($10.6496) AS f;
