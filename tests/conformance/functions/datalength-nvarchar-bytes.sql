-- rule: DATALENGTH returns bytes: 2 per character for nvarchar/nchar, 1 for varchar, trailing blanks counted
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datalength-transact-sql
-- expect: [[{"n": 6, "v": 3, "nc": 10, "lit": 8, "trail": 5, "nul": null}]]
-- test
DECLARE @n nvarchar(20) = N'abc', @v varchar(20) = 'abc', @nc nchar(5) = N'ab', @x nvarchar(10) = NULL;
SELECT DATALENGTH(@n) AS n, DATALENGTH(@v) AS v, DATALENGTH(@nc) AS nc, DATALENGTH(N'abcd') AS lit,
  DATALENGTH('abc  ') AS trail, DATALENGTH(@x) AS nul;
