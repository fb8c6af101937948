-- rule: GROUP BY over a text expression groups its values as the collation compares them: values differing only in trailing blanks or case are one group, and the expression reads as that group's value wherever it is used
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql
-- expect: [[{"prefix": "AB!", "n": 2, "total": 50}, {"prefix": "AB1!", "n": 1, "total": 10}, {"prefix": "CD9!", "n": 1, "total": 5}], [{"groups": 2}], [{"groups": 2, "widest": 2}]]
-- test
DECLARE @t TABLE (Code varchar(10), Tag varchar(5), Amount int);
INSERT INTO @t VALUES ('AB1', 'x', 10), ('ab ', 'X ', 20), ('AB', 'x', 30), ('CD9', 'y', 5);
SELECT UPPER(RTRIM(LEFT(Code, 3))) + '!' AS prefix, COUNT(*) AS n, SUM(Amount) AS total FROM @t GROUP BY LEFT(Code, 3) ORDER BY LEFT(Code, 3);
SELECT COUNT(*) AS groups FROM (SELECT LOWER(Tag) + '' AS k FROM @t GROUP BY LOWER(Tag) + '') d;
SELECT COUNT(*) AS groups, MAX(w) AS widest FROM (SELECT Tag + '' AS k, MAX(DATALENGTH(Tag)) AS w FROM @t GROUP BY Tag + '') d;
