-- rule: a window function in a grouped query runs over the groups (its ORDER BY may name aggregates); a variable may be part of the group key, repeated in the ORDER BY
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql
-- expect: [[{"Region": "south", "Total": 30, "Pos": 1}, {"Region": "north", "Total": 15, "Pos": 2}, {"Region": "east", "Total": 1, "Pos": 3}], [{"Region": "R-east", "n": 1, "Pos": 2}, {"Region": "R-north", "n": 2, "Pos": 1}, {"Region": "R-south", "n": 1, "Pos": 2}]]
CREATE TABLE dbo.Sale (Region varchar(10) NOT NULL, Amount int NOT NULL)
GO
-- test
DECLARE @p varchar(3) = 'R-';
INSERT INTO dbo.Sale VALUES ('north', 10), ('north', 5), ('south', 30), ('east', 1);
SELECT Region, SUM(Amount) AS Total, ROW_NUMBER() OVER (ORDER BY SUM(Amount) DESC) AS Pos FROM dbo.Sale GROUP BY Region ORDER BY Pos;
SELECT @p + Region AS Region, COUNT(*) AS n, RANK() OVER (ORDER BY COUNT(*) DESC) AS Pos FROM dbo.Sale GROUP BY @p + Region ORDER BY @p + Region;
