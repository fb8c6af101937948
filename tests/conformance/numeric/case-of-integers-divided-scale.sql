-- rule: a CASE over int branches is an int (the result type of highest precedence among its branches), so int CASE * decimal(6,3) is decimal(17,3) and divided by an int has scale max(6, 3 + 10 + 1) = 14, truncated
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"q": "4.79166666666666"}]]
-- input: dbo.Gap
--| PrevValue,NextValue,Minutes,Mult
--| 561,584,180,2.500
CREATE TABLE dbo.Gap (PrevValue int NOT NULL, NextValue int NOT NULL, Minutes int NOT NULL, Mult decimal(6,3) NOT NULL);
GO
-- test
SELECT (CASE WHEN NextValue < PrevValue THEN NextValue + 100000 - PrevValue ELSE NextValue - PrevValue END) * Mult / (Minutes / 15) AS q FROM dbo.Gap;
