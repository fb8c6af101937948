-- rule: PATINDEX finds the first match of a LIKE pattern; when the pattern ends in % and its last other element cannot match a blank (a letter, a digit, a class of such), a match ends before the value's trailing blanks, so the position is the same whether SQL Server counts those blanks or ignores them as varchar LIKE does
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/patindex-transact-sql
-- expect: [[{"Line": 1, "inv_at": 6, "digit_at": 9}, {"Line": 2, "inv_at": 0, "digit_at": 10}, {"Line": 3, "inv_at": null, "digit_at": null}]]
-- input: dbo.Narrative
--| Line,Txt
--| 1,"Paid INV1042   "
--| 2,"Discount 10% applied/ Q1  "
--| 3,
CREATE TABLE dbo.Narrative (Line int, Txt nvarchar(60))
GO
-- test
SELECT Line, PATINDEX('%INV[0-9][0-9]%', Txt) AS inv_at, PATINDEX('%[0-9]%', Txt) AS digit_at
FROM dbo.Narrative ORDER BY Line;
