-- rule: a column declared COLLATE Latin1_General_BIN2 groups 'abc' and 'ABC' apart; grouping (or ordering, DISTINCT, LIKE) by a column of another collation than the default is refused, never done case-insensitively
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: COLLATE Latin1_General_BIN2
-- input: dbo.Product
--| Code
--| abc
--| ABC
CREATE TABLE dbo.Product ([Code] varchar(10) COLLATE Latin1_General_BIN2 NOT NULL);
GO
-- test
SELECT Code, COUNT(*) AS n FROM dbo.Product GROUP BY Code;
