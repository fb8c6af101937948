-- rule: LIKE over char/varchar ignores the value's trailing blanks (any number of them) while the pattern's own blanks count; over nchar/nvarchar every blank counts, so RTRIM is needed there
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect: [[{"c1": 1, "c2": 1, "c3": 1, "c4": 0, "c5": 0, "u1": 0, "u2": 1, "u3": 0, "u4": 1}], [{"ascii_rows": 1, "unicode_rows": 0, "trimmed_rows": 1}]]
-- test
DECLARE @v varchar(10) = 'space ';
DECLARE @n nvarchar(10) = N'nspace ';
DECLARE @k char(8) = 'abc';
SELECT
  CASE WHEN @v LIKE 'space' THEN 1 ELSE 0 END AS c1,
  CASE WHEN @v LIKE 'space ' THEN 1 ELSE 0 END AS c2,
  CASE WHEN @k LIKE '%c' THEN 1 ELSE 0 END AS c3,
  CASE WHEN @v LIKE 'space  ' THEN 1 ELSE 0 END AS c4,
  CASE WHEN 'Hello' LIKE 'Hello ' THEN 1 ELSE 0 END AS c5,
  CASE WHEN @n LIKE N'nspace' THEN 1 ELSE 0 END AS u1,
  CASE WHEN @n LIKE N'nspace ' THEN 1 ELSE 0 END AS u2,
  CASE WHEN @v LIKE N'space' THEN 1 ELSE 0 END AS u3,
  CASE WHEN RTRIM(@n) LIKE N'nspace' THEN 1 ELSE 0 END AS u4;
DECLARE @t TABLE (A char(30), U nchar(30));
INSERT INTO @t VALUES ('Robert King', N'Robert King');
SELECT (SELECT COUNT(*) FROM @t WHERE A LIKE '% King') AS ascii_rows, (SELECT COUNT(*) FROM @t WHERE U LIKE '% King') AS unicode_rows, (SELECT COUNT(*) FROM @t WHERE RTRIM(U) LIKE '% King') AS trimmed_rows;
