-- rule: from compatibility level 130 DATEPART and DATEDIFF read a datetime's exact tick: '…29.187' is …29.18666…, so its millisecond is 186 and 6 ms lie between it and '…29.180'
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 130
-- expect: [[{"ms7": 186, "ms3": 183, "ms0": 180, "diff": 6, "dt2": 187, "sec": 29}]]
-- test
DECLARE @d7 datetime = '2021-11-09 13:52:29.187', @d3 datetime = '2021-11-09 13:52:29.183', @d0 datetime = '2021-11-09 13:52:29.180';
DECLARE @x datetime2(3) = '2021-11-09 13:52:29.187';
SELECT DATEPART(millisecond, @d7) AS ms7, DATEPART(ms, @d3) AS ms3, DATEPART(millisecond, @d0) AS ms0,
       DATEDIFF(millisecond, @d0, @d7) AS diff, DATEPART(millisecond, @x) AS dt2, DATEPART(second, @d7) AS sec;
