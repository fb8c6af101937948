-- rule: SELECT DISTINCT treats text that differs only in trailing blanks or case as one value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-transact-sql
-- expect: [[{"n": 2}]]
-- test
DECLARE @t TABLE (Name varchar(10), Id int);
INSERT INTO @t VALUES ('x', 1), ('x ', 1), ('X', 1), ('x', 2);
SELECT COUNT(*) AS n FROM (SELECT DISTINCT Name, Id FROM @t) d;
