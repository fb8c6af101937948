-- rule: SUM of decimal(p,s) is decimal(38,s); a CASE of a decimal(12,3) column and the constant 0 has scale 3 whichever way SQL Server types the 0 (int or decimal(1,0)), so SELECT … INTO makes the sum's column decimal(38,3)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/sum-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"Rate Code": "E-RES", "Usage Units": "350.000"}, {"Rate Code": "W-RES", "Usage Units": "-2.001"}]]
-- input: rpt.Bill Line
--| Rate Code,Line Type,Units
--| W-RES,SERVICE,14.000
--| W-RES,USAGE,4.828
--| W-RES,CREDIT,-6.829
--| E-RES,USAGE,337.931
--| E-RES,USAGE,12.069
--| E-RES,SERVICE,28.000
CREATE TABLE rpt.[Bill Line] ([Rate Code] varchar(10) NOT NULL, [Line Type] varchar(10) NOT NULL, [Units] decimal(12,3) NOT NULL)
GO
-- test
SELECT [Rate Code], SUM(CASE WHEN [Line Type] IN ('USAGE', 'CREDIT') THEN [Units] ELSE 0 END) AS [Usage Units]
INTO #ByRate
FROM rpt.[Bill Line]
GROUP BY [Rate Code];
SELECT [Rate Code], [Usage Units] FROM #ByRate ORDER BY [Rate Code];
