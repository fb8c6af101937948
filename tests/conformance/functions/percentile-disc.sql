-- rule: PERCENTILE_DISC(P) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY …) is the value with the smallest CUME_DIST at least P, NULLs left out, of x's type: of N values the k-th in that order, k = ceil(P × N) (at least 1), so 0.3 of 4 values is the 2nd, 0.57 of 100 the 57th, and DESC counts from the largest
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/percentile-disc-transact-sql
-- expect: [[{"g": "a", "p0": "10.00", "p30": "20.00", "p50": "20.00", "p100": "40.00", "d25": "40.00"}, {"g": "b", "p0": "5.50", "p30": "5.50", "p50": "5.50", "p100": "5.50", "d25": "5.50"}, {"g": "c", "p0": null, "p30": null, "p50": null, "p100": null, "d25": null}], [{"k57": 57, "k29": 29}]]
-- test
DECLARE @s TABLE (g char(1), x decimal(12,2));
INSERT INTO @s VALUES ('a', 30), ('a', 10), ('a', NULL), ('a', 40), ('a', 20), ('b', 5.5), ('c', NULL);
SELECT DISTINCT g,
       PERCENTILE_DISC(0) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g) AS p0,
       PERCENTILE_DISC(0.3) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g) AS p30,
       PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g) AS p50,
       PERCENTILE_DISC(1.0) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g) AS p100,
       PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY x DESC) OVER (PARTITION BY g) AS d25
FROM @s ORDER BY g;
DECLARE @n TABLE (i int);
DECLARE @i int = 1;
WHILE @i <= 100 BEGIN INSERT INTO @n VALUES (@i); SET @i += 1; END
SELECT DISTINCT PERCENTILE_DISC(0.57) WITHIN GROUP (ORDER BY i) OVER () AS k57, PERCENTILE_DISC(0.29) WITHIN GROUP (ORDER BY i) OVER () AS k29 FROM @n;
