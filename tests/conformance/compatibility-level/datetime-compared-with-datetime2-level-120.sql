-- rule: below compatibility level 130 a predicate compares a datetime's rounded milliseconds: '…29.187' equals datetime2(3) '…29.187' and is above datetime2 '…29.1866667'
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 120
-- expect: [[{"gt7": 0, "eq3": 1, "lt3": 0}]]
-- test
DECLARE @d datetime = '2021-11-09 13:52:29.187';
DECLARE @x7 datetime2(7) = '2021-11-09 13:52:29.1866667', @x3 datetime2(3) = '2021-11-09 13:52:29.187';
SELECT CASE WHEN @x7 > @d THEN 1 ELSE 0 END AS gt7, CASE WHEN @d = @x3 THEN 1 ELSE 0 END AS eq3, CASE WHEN @d < @x3 THEN 1 ELSE 0 END AS lt3;
