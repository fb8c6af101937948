-- rule: a column declared COLLATE Latin1_General_BIN2 compares by code point ('abc' <> 'ABC'), which the emulator's case-insensitive text compare cannot reproduce: reading the column is refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: COLLATE Latin1_General_BIN2
-- input: dbo.Product
--| Code
--| abc
--| ABC
CREATE TABLE dbo.Product ([Code] varchar(10) COLLATE Latin1_General_BIN2 NOT NULL);
GO
-- test
SELECT COUNT(*) AS n FROM dbo.Product WHERE Code = 'abc';
