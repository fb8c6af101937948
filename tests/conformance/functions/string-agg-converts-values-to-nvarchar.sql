-- rule: STRING_AGG converts a non-string value to nvarchar before concatenating it, as CAST does: money with two decimals, float in six significant digits, datetime in the default style
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-agg-transact-sql
-- expect: [[{"p": "10.50,3.33", "f": "1.23457e+006,0.1", "d": "Jan  2 2024  3:04PM,Feb 29 2024 12:00AM", "i": "21"}]]
-- input: dbo.Payment
--| Id,P,F,D
--| 1,10.5,1234567.5,2024-01-02 15:04:00
--| 2,3.3333,0.1,2024-02-29 00:00:00
CREATE TABLE dbo.Payment (Id int PRIMARY KEY, P money, F float, D datetime)
GO
-- test
SELECT STRING_AGG(P, ',') WITHIN GROUP (ORDER BY Id) AS p, STRING_AGG(F, ',') WITHIN GROUP (ORDER BY Id) AS f,
  STRING_AGG(D, ',') WITHIN GROUP (ORDER BY Id) AS d, STRING_AGG(Id, '') WITHIN GROUP (ORDER BY Id DESC) AS i
FROM dbo.Payment;
