-- rule: NULLIF is the CASE WHEN a = b THEN NULL ELSE a END its documentation describes, so text compares as the collation does (case and trailing blanks ignored), as in REPLACE, CHARINDEX, LIKE and IIF
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/nullif-transact-sql
-- expect: [[{"a": null, "kept": "b ", "b": "xbc", "c": 2, "d": 1, "f": 1}]]
-- test
DECLARE @v varchar(10) = 'a ';
DECLARE @w char(2) = 'b';
SELECT NULLIF(@v, 'A') AS a, NULLIF(@w, 'a') AS kept, REPLACE('Abc', 'a', 'x') AS b, CHARINDEX('A', 'xa') AS c, CASE WHEN 'ABC' LIKE 'a%' THEN 1 ELSE 0 END AS d, IIF(@v = 'A', 1, 0) AS f;
