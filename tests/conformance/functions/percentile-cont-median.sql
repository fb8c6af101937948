-- rule: PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY …) is a float: the middle value of the N non-NULL values, or for an even N the mean of the two middle ones (RN = 1 + P × (N - 1) interpolated between rows FRN and CRN), the same in either order
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/percentile-cont-transact-sql
-- expect: [[{"g": "a", "m": 25, "md": 25}, {"g": "b", "m": 2, "md": 2}, {"g": "c", "m": 116.665, "md": 116.665}, {"g": "d", "m": null, "md": null}]]
-- test
DECLARE @s TABLE (g char(1), x decimal(12,2));
INSERT INTO @s VALUES ('a', 10), ('a', 40), ('a', 20), ('a', 30), ('a', NULL), ('b', 4), ('b', 1), ('b', 2), ('c', 100), ('c', 133.33), ('d', NULL);
SELECT DISTINCT g,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g) AS m,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x DESC) OVER (PARTITION BY g) AS md
FROM @s ORDER BY g;
