-- rule: from compatibility level 130 a predicate compares a datetime's exact tick: '…29.187' (…29.18666…) is below datetime2 '…29.1866667', not equal to datetime2(3) '…29.187'
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 130
-- expect: [[{"gt7": 1, "eq3": 0, "lt3": 1, "eq0": 1, "castEq": 1}]]
-- test
DECLARE @d datetime = '2021-11-09 13:52:29.187', @z datetime = '2021-11-09 13:52:29.180';
DECLARE @x7 datetime2(7) = '2021-11-09 13:52:29.1866667', @x3 datetime2(3) = '2021-11-09 13:52:29.187', @z3 datetime2(3) = '2021-11-09 13:52:29.180';
SELECT CASE WHEN @x7 > @d THEN 1 ELSE 0 END AS gt7, CASE WHEN @d = @x3 THEN 1 ELSE 0 END AS eq3, CASE WHEN @d < @x3 THEN 1 ELSE 0 END AS lt3,
       CASE WHEN @z = @z3 THEN 1 ELSE 0 END AS eq0, CASE WHEN CAST(@d AS datetime2(7)) = @x7 THEN 1 ELSE 0 END AS castEq;
