-- rule: money with money, smallmoney or an integer gives money (data type precedence: decimal > money > int): four decimals, where decimal arithmetic would keep six or more; money with decimal gives decimal; SUM, AVG, MIN, MAX, ABS and ROUND of money are money, and so are CASE, IIF and COALESCE over money and integers
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/data-type-precedence-transact-sql
-- expect: [[{"x": "5.2500", "y": "31.5000", "z": "31.5000", "w": "11.5000", "v": "-7.9172", "u": "5.2500000", "s": "15.75000"}], [{"total": "60.0000", "mean": "20.0000", "perRow": "20.0000"}], [{"c": "3.5000", "i": "5.0000", "k": "10.0000", "m": "15.0000", "n": "-3.5000", "r": "1.0000"}]]
CREATE TABLE dbo.Payment (Id int NOT NULL, Amount money NOT NULL)
GO
-- test
DECLARE @t money = 3, @a money = 18.4172, @c money = 10.5;
INSERT INTO dbo.Payment VALUES (1, 10), (2, 20), (3, 30);
SELECT @c / 2 AS x, @c * 3 AS y, @c * @t AS z, @c + 1 AS w, @c - @a AS v, @c / 2.0 AS u, @c * 1.5 AS s;
SELECT SUM(Amount) AS total, AVG(Amount) AS mean, SUM(Amount) / COUNT(*) AS perRow FROM dbo.Payment;
SELECT CASE WHEN @c > 0 THEN @c ELSE 0 END / 3 AS c, IIF(@c > 0, 10, @c) / 2 AS i, COALESCE(NULL, @c, 1) - 0.5 AS k, MAX(Amount) / 2 AS m, -ABS(@c) / 3 AS n, ROUND(@c, 0) / 11 AS r FROM dbo.Payment;
