-- rule: PIVOT aggregates the value per listed FOR value, grouped by the source's other columns (absent values give NULL); UNPIVOT turns columns into rows and drops NULLs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/from-using-pivot-and-unpivot
-- expect: [[{"Shop": "a", "y2020": 15, "y2021": 7}, {"Shop": "b", "y2020": null, "y2021": 3}], [{"Id": 1, "Q": "Q1", "V": 4}, {"Id": 2, "Q": "Q1", "V": 6}, {"Id": 2, "Q": "Q2", "V": 8}]]
-- test
DECLARE @s TABLE (Shop varchar(5), Yr int, Amount int);
INSERT INTO @s VALUES ('a', 2020, 10), ('a', 2020, 5), ('a', 2021, 7), ('b', 2021, 3);
SELECT Shop, [2020] AS y2020, [2021] AS y2021 FROM @s PIVOT (SUM(Amount) FOR Yr IN ([2020], [2021])) AS p ORDER BY Shop;
DECLARE @w TABLE (Id int, Q1 int, Q2 int);
INSERT INTO @w VALUES (1, 4, NULL), (2, 6, 8);
SELECT Id, Q, V FROM @w UNPIVOT (V FOR Q IN (Q1, Q2)) AS u ORDER BY Id, Q;
