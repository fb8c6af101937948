-- rule: rows loaded into a char(n) column are padded with blanks to n, as an INSERT of them would be
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/char-and-varchar-transact-sql
-- expect: [[{"Id": 1, "d": 6, "n": 2}, {"Id": 2, "d": 6, "n": 2}]]
-- input: dbo.Codes
--| Id,Code
--| 1,ab
--| 2,ab
CREATE TABLE dbo.Codes (Id int, Code char(6))
GO
-- test
SELECT Id, DATALENGTH(Code) AS d, COUNT(*) OVER (PARTITION BY Code) AS n FROM dbo.Codes ORDER BY Id;
