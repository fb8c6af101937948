-- rule: GROUP BY GROUPING SETS ((a, b), (a), ()) unions the groupings listed, the empty set () being the grand total; GROUPING(col) is 1 where the set leaves col out, and text groups case-insensitively as in any GROUP BY
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql
-- expect: [[{"shop": "a", "yr": 2024, "total": 10, "gs": 0, "gy": 0}, {"shop": "a", "yr": 2025, "total": 5, "gs": 0, "gy": 0}, {"shop": "b", "yr": 2024, "total": 7, "gs": 0, "gy": 0}, {"shop": "a", "yr": null, "total": 15, "gs": 0, "gy": 1}, {"shop": "b", "yr": null, "total": 7, "gs": 0, "gy": 1}, {"shop": null, "yr": null, "total": 22, "gs": 1, "gy": 1}]]
-- test
DECLARE @s TABLE (Shop varchar(5), Yr int, Amount int);
INSERT INTO @s VALUES ('a', 2024, 4), ('a ', 2024, 6), ('a', 2025, 5), ('b', 2024, 7);
SELECT Shop AS shop, Yr AS yr, SUM(Amount) AS total, GROUPING(Shop) AS gs, GROUPING(Yr) AS gy
FROM @s GROUP BY GROUPING SETS ((Shop, Yr), (Shop), ())
ORDER BY GROUPING(Shop), GROUPING(Yr), Shop, Yr;
