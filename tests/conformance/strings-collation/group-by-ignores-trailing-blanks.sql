-- rule: GROUP BY puts text that differs only in trailing blanks (or case) in one group, since SQL Server compares strings as if padded to equal length (ANSI padding) under a case-insensitive collation
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql
-- expect: [[{"k": "b", "n": 4, "l": 1}, {"k": "c", "n": 1, "l": 1}]]
-- test
DECLARE @t TABLE (Code char(5), Name varchar(10));
INSERT INTO @t VALUES ('b', 'b'), ('b', 'b  '), ('B', 'B'), ('b', 'b '), ('c', 'c');
SELECT LOWER(RTRIM(Name)) AS k, COUNT(*) AS n, LEN(Name) AS l FROM @t GROUP BY Name HAVING COUNT(Code) > 0 ORDER BY Name;
