-- rule: SELECT DISTINCT over expressions of text compares their values as the collation does (case and trailing blanks ignored), while a UNION branch beside it keeps its own rows
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-transact-sql
-- expect: [[{"k": "ab", "n": 3}], [{"n": 2}], [{"n": 4}]]
-- test
DECLARE @t TABLE (Code varchar(10), Id int);
INSERT INTO @t VALUES ('abX', 1), ('AB', 2), ('ab ', 3), ('cd', 4);
SELECT TOP 1 LOWER(RTRIM(LEFT(Code, 2))) AS k, (SELECT COUNT(*) FROM @t WHERE LEFT(Code, 2) = 'ab') AS n FROM (SELECT DISTINCT LEFT(Code, 2) AS Code FROM @t) d ORDER BY d.Code;
SELECT COUNT(*) AS n FROM (SELECT DISTINCT LEFT(Code, 2) + '' AS c FROM @t) d;
SELECT COUNT(*) AS n FROM (SELECT DISTINCT UPPER(Code) AS c FROM @t WHERE Id < 3 UNION ALL SELECT UPPER(Code) FROM @t WHERE Id >= 3) d;
