-- rule: SELECT DISTINCT * and SELECT * … GROUP BY every column (the de-duplication idioms) compare text columns as the collation does: 'a', 'a ' and 'A' are one row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect: [[{"n": 2}], [{"n": 2}], [{"n": 2}]]
-- input: dbo.Code
--| Code,Qty
--| a,1
--| a ,1
--| A,1
--| b,2
CREATE TABLE dbo.Code (Code varchar(5), Qty int)
GO
-- test
SELECT COUNT(*) AS n FROM (SELECT DISTINCT * FROM dbo.Code) d;
SELECT COUNT(*) AS n FROM (SELECT * FROM dbo.Code GROUP BY Code, Qty) d;
SELECT COUNT(*) AS n FROM (SELECT DISTINCT c.* FROM dbo.Code c) d;
