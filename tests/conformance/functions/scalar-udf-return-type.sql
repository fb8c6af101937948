-- rule: the value a scalar function returns is converted to its RETURNS type (decimal rounds, varchar(n) truncates)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-function-transact-sql
-- expect: [[{"r": "2.35", "s": "abc"}]]
CREATE FUNCTION dbo.Scale (@x float) RETURNS decimal(5,2) AS BEGIN RETURN @x * 1.5 END
GO
CREATE FUNCTION dbo.Cut (@s varchar(20)) RETURNS varchar(3) AS BEGIN RETURN @s END
GO
-- test
SELECT CAST(dbo.Scale(1.5666) AS varchar(10)) AS r, dbo.Cut('abcdef') AS s;
