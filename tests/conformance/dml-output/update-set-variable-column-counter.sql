-- rule: UPDATE … SET @variable = column = expression sets the variable to the column's new value; SET @variable = column reads the value before the update; no row changed leaves the variable as it was
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect: [[{"n": 42, "old": 9, "missing": -1, "code": "CRN", "nextCrn": 10, "nextInv": 42}]]
-- input: dbo.Counter
--| Series,NextNo,Prefix
--| INV,41,INV
--| CRN,9,CR
CREATE TABLE dbo.Counter (Series varchar(5) NOT NULL PRIMARY KEY, NextNo int NOT NULL, Prefix varchar(5) NOT NULL)
GO
-- test
DECLARE @n int, @old int, @missing int = -1, @code varchar(3);
UPDATE dbo.Counter SET @n = NextNo = NextNo + 1 WHERE Series = 'INV';
UPDATE dbo.Counter SET @old = NextNo, NextNo = NextNo + 1, @code = Series WHERE Series = 'crn';
UPDATE dbo.Counter SET @missing = NextNo = NextNo + 1 WHERE Series = 'XYZ';
SELECT @n AS n, @old AS old, @missing AS missing, @code AS code,
       (SELECT NextNo FROM dbo.Counter WHERE Series = 'CRN') AS nextCrn,
       (SELECT NextNo FROM dbo.Counter WHERE Series = 'INV') AS nextInv;
