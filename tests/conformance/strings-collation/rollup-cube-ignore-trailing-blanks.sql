-- rule: ROLLUP, CUBE and WITH ROLLUP group text as the collation compares it (trailing blanks and case ignored), and a rolled-up column is NULL in its super-aggregate rows, where GROUPING gives 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql
-- expect: [[{"r": "N", "total": 3, "g": 0}, {"r": "S", "total": 4, "g": 0}, {"r": null, "total": 7, "g": 1}], [{"r": "N", "c": "a", "total": 3}, {"r": "N", "c": null, "total": 3}, {"r": "S", "c": "b", "total": 4}, {"r": "S", "c": null, "total": 4}, {"r": null, "c": null, "total": 7}], [{"n": 3}]]
-- test
DECLARE @t TABLE (Region varchar(10), Code varchar(10), Amount int);
INSERT INTO @t VALUES ('N', 'a', 1), ('N ', 'A', 2), ('S', 'b', 4);
SELECT RTRIM(Region) AS r, SUM(Amount) AS total, GROUPING(Region) AS g FROM @t GROUP BY ROLLUP(Region) ORDER BY GROUPING(Region), RTRIM(Region);
SELECT RTRIM(Region) AS r, LOWER(Code) AS c, SUM(Amount) AS total FROM @t GROUP BY Region, Code WITH ROLLUP ORDER BY GROUPING(Region), RTRIM(Region), GROUPING(Code), LOWER(Code);
SELECT COUNT(*) AS n FROM (SELECT Region FROM @t GROUP BY CUBE(Region)) d;
