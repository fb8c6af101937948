-- rule: PERCENT_RANK is (rank - 1) / (rows in the partition - 1) and 0 for the first row (so for a partition of one row); CUME_DIST is the rows up to and including the current row and its peers divided by the partition's rows; both are float, and NULLs order first as the lowest values
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/percent-rank-transact-sql
-- expect: [[{"Region": "East", "Sales": null, "pr": 0, "cd": 0.2}, {"Region": "East", "Sales": 10, "pr": 0.25, "cd": 0.4}, {"Region": "East", "Sales": 20, "pr": 0.5, "cd": 0.8}, {"Region": "East", "Sales": 20, "pr": 0.5, "cd": 0.8}, {"Region": "East", "Sales": 30, "pr": 1, "cd": 1}, {"Region": "West", "Sales": 7, "pr": 0, "cd": 1}]]
-- input: dbo.Rep
--| Region,Sales
--| East,20
--| East,
--| East,10
--| West,7
--| East,30
--| East,20
CREATE TABLE dbo.Rep (Region varchar(10), Sales int)
GO
-- test
SELECT Region, Sales,
  PERCENT_RANK() OVER (PARTITION BY Region ORDER BY Sales) AS pr,
  CUME_DIST() OVER (PARTITION BY Region ORDER BY Sales) AS cd
FROM dbo.Rep
ORDER BY Region, Sales;
