-- rule: COLLATE DATABASE_DEFAULT (the usual cure for a #temp table's collation conflict) and an explicit case-insensitive, accent-sensitive collation compare as the default does: case and trailing blanks ignored
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect: [[{"n": 2, "m": 2}]]
-- test
CREATE TABLE #a (Code varchar(10) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL);
CREATE TABLE #b (Code varchar(10) NOT NULL);
INSERT INTO #a VALUES ('abc'), ('XY ');
INSERT INTO #b VALUES ('ABC'), ('xy');
SELECT (SELECT COUNT(*) FROM #a JOIN #b ON #a.Code = #b.Code COLLATE DATABASE_DEFAULT) AS n,
       (SELECT COUNT(*) FROM #a JOIN #b ON #a.Code COLLATE Latin1_General_100_CI_AS = #b.Code) AS m;
