-- rule: GROUPING(column) is 1 in the rows ROLLUP adds for that column and 0 elsewhere; GROUPING_ID(a, b) packs those bits with the first column's highest
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/grouping-id-transact-sql
-- expect: [[{"y": 2024, "q": 1, "total": 10, "ga": 0, "gid": 0}, {"y": 2024, "q": 2, "total": 20, "ga": 0, "gid": 0}, {"y": 2024, "q": null, "total": 30, "ga": 0, "gid": 1}, {"y": null, "q": null, "total": 30, "ga": 1, "gid": 3}]]
-- test
DECLARE @s TABLE (Y int, Q int, Amount int);
INSERT INTO @s VALUES (2024, 1, 10), (2024, 2, 20);
SELECT Y AS y, Q AS q, SUM(Amount) AS total, GROUPING(Y) AS ga, GROUPING_ID(Y, Q) AS gid FROM @s GROUP BY ROLLUP(Y, Q) ORDER BY GROUPING_ID(Y, Q), Y, Q;
