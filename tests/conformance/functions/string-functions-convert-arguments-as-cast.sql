-- rule: CONCAT, CONCAT_WS and the string functions convert a non-text argument to text as CAST does with style 0: a float in at most six digits, money with two decimals, datetime as 'Mon dd yyyy hh:miAM', bit as 1/0, date as yyyy-mm-dd
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/concat-transact-sql
-- expect: [[{"a": "x1.23457e+006", "b": "xJan  2 2024  3:04PM", "c": "x1.50", "d": "x1", "e": "x2024-01-02", "f": "a-1.50-1", "g": "Jan  2 2024", "h": 12, "i": "1,50", "j": "JAN  2 2024  3:04PM"}]]
CREATE TABLE dbo.X (Id int)
GO
-- test
DECLARE @f float = 1234567.0, @dt datetime = '2024-01-02T15:04:05', @m money = 1.5, @b bit = 1, @d date = '2024-01-02';
SELECT CONCAT('x', @f) AS a, CONCAT('x', @dt) AS b, CONCAT('x', @m) AS c, CONCAT('x', @b) AS d, CONCAT('x', @d) AS e, CONCAT_WS('-', 'a', @m, @b) AS f,
       LEFT(@dt, 11) AS g, LEN(@f) AS h, REPLACE(@m, '.', ',') AS i, UPPER(@dt) AS j;
