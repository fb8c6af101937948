-- rule: an unqualified name in ORDER BY is the select list's column alias before it is a column of the FROM, so an alias that shadows a column orders by the aliased value (-Amount AS Amount sorts by the negated value, TOP takes that order's first row), DISTINCT over LOWER(Code) AS Code orders by the output, and swapped aliases follow the select list
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-order-by-clause-transact-sql
-- expect: [[{"Id": 2, "Amount": -30}], [{"Code": "a"}, {"Code": "b"}], [{"Code": "zed", "Name": "A"}, {"Code": "amy", "Name": "b"}]]
-- input: dbo.T
--| Id,Amount,Code,Name
--| 1,10,a,amy
--| 2,30,A,zed
--| 3,20,b,amy
CREATE TABLE dbo.T (Id int, Amount int, Code varchar(5), Name varchar(10))
GO
-- test
SELECT TOP (1) Id, -Amount AS Amount FROM dbo.T ORDER BY Amount;
SELECT DISTINCT LOWER(Code) AS Code FROM dbo.T ORDER BY Code;
SELECT TOP (2) Name AS Code, Code AS Name FROM dbo.T WHERE Id > 1 ORDER BY Code DESC;
