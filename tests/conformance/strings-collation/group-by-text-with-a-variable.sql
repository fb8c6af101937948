-- rule: GROUP BY and SELECT DISTINCT compare text as the collation does, case-insensitively and ignoring trailing blanks, also when the grouped expression joins a variable to a column ('x' + 'a' and 'x' + 'a ' are one group); the grouped expression read outside an aggregate is one of the group's spellings
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect: [[{"k": "xa", "n": 3}, {"k": "xb", "n": 1}], [{"groups": 2}]]
-- input: dbo.Code
--| Code
--| a
--| a 
--| A
--| b
CREATE TABLE dbo.Code (Code varchar(5))
GO
-- test
DECLARE @p varchar(5) = 'x';
SELECT LOWER(RTRIM(@p + Code)) AS k, COUNT(*) AS n FROM dbo.Code GROUP BY @p + Code ORDER BY k;
SELECT COUNT(*) AS groups FROM (SELECT DISTINCT @p + Code AS k FROM dbo.Code) d;
