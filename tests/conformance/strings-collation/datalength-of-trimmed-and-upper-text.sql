-- rule: LTRIM, RTRIM, UPPER and LOWER return varchar for char/varchar and nvarchar for nchar/nvarchar, so DATALENGTH counts one byte per character of the first and two of the second, blanks they keep included (a char(5) value keeps its padding through UPPER)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/ltrim-transact-sql
-- expect: [[{"a": 2, "b": 4, "c": 8, "d": 6, "e": 5, "f": 2}]]
-- test
DECLARE @v varchar(20) = '  ab  ', @n nvarchar(20) = N' ab ', @c char(5) = 'ab';
SELECT DATALENGTH(LTRIM(RTRIM(@v))) AS a, DATALENGTH(RTRIM(@v)) AS b, DATALENGTH(UPPER(@n)) AS c,
       DATALENGTH(LTRIM(@n)) AS d, DATALENGTH(UPPER(@c)) AS e, DATALENGTH(RTRIM(@c)) AS f;
