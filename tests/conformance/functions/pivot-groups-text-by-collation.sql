-- rule: PIVOT groups the source's other columns as GROUP BY does, so text equal under the default case-insensitive collation, trailing blanks ignored, is one group ('pro', 'Pro', 'pro ' one row), whose rows all feed its aggregated columns
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/from-using-pivot-and-unpivot
-- expect: [[{"n": 2, "Jan": 250, "Feb": 133, "Apr": 100}]]
-- test
DECLARE @s TABLE (PlanCode varchar(20), Mon varchar(10), Mrr int);
INSERT INTO @s VALUES ('pro', 'Jan', 100), ('pro', 'Jan', 100), ('pro', 'Feb', 100), ('pro', 'Feb', 33), ('pro ', 'Apr', 100), ('basic', 'Jan', 50);
SELECT COUNT(*) AS n, SUM(Jan) AS Jan, SUM(Feb) AS Feb, SUM(Apr) AS Apr
FROM (SELECT PlanCode, Mon, Mrr FROM @s) AS src
PIVOT (SUM(Mrr) FOR Mon IN ([Jan], [Feb], [Apr])) AS p;
