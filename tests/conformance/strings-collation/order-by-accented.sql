-- rule: ORDER BY text follows the collation: 'Émile' sorts with E, before 'Fred' (by code point it would come after 'Zoe'); ROW_NUMBER and TOP follow the same order
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"N": "Émile"}], [{"N": "Fred", "rn": 2}]]
-- input: dbo.Names
--| N
--| Fred
--| Émile
--| Zoe
CREATE TABLE dbo.Names (N nvarchar(20) NOT NULL);
GO
-- test
SELECT TOP (1) N FROM dbo.Names ORDER BY N;
SELECT N, rn FROM (SELECT N, ROW_NUMBER() OVER (ORDER BY N) AS rn FROM dbo.Names) AS x WHERE N = 'Fred';
