-- rule: over several rows SET @variable = column = expression keeps the value of the row the plan updates last (the page: use it only when the UPDATE changes one row), so rows giving different values are refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect-refused: SET @n = … in an UPDATE of several rows
-- input: dbo.Counter
--| Series,NextNo
--| INV,41
--| CRN,9
CREATE TABLE dbo.Counter (Series varchar(5) NOT NULL PRIMARY KEY, NextNo int NOT NULL)
GO
-- test
DECLARE @n int;
UPDATE dbo.Counter SET @n = NextNo = NextNo + 1;
SELECT @n AS n;
