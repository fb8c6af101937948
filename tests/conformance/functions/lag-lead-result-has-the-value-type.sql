-- rule: LAG and LEAD return the data type of their scalar_expression: a default of another type converts to it (0.7 and 2.5 to int truncate to 0 and 2, 0.125 to decimal(10,2) rounds to 0.13, text is cut to varchar(5)), and a money value keeps money's two decimals as text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/lag-transact-sql
-- expect: [[{"Id": 1, "a": "0", "b": "0.13", "c": "abcde", "d": "4", "m": null}, {"Id": 2, "a": "3", "b": "1.50", "c": "abc", "d": "2", "m": "p=33.33"}]]
-- input: dbo.Daily
--| Id,Qty,Amount,Name,Price
--| 1,3,1.50,abc,33.3333
--| 2,4,2.50,de,50.5
CREATE TABLE dbo.Daily (Id int PRIMARY KEY, Qty int, Amount decimal(10,2), Name varchar(5), Price money)
GO
-- test
SELECT Id, LAG(Qty, 1, 0.7) OVER (ORDER BY Id) AS a, LAG(Amount, 1, 0.125) OVER (ORDER BY Id) AS b,
  LAG(Name, 1, 'abcdefgh') OVER (ORDER BY Id) AS c, LEAD(Qty, 1, 2.5) OVER (ORDER BY Id) AS d,
  'p=' + CAST(LAG(Price) OVER (ORDER BY Id) AS varchar(20)) AS m
FROM dbo.Daily ORDER BY Id;
