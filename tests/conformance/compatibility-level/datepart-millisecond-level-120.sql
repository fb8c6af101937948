-- rule: below compatibility level 130 DATEPART and DATEDIFF read a datetime's rounded milliseconds: '…29.187' is 187, 7 ms after '…29.180'
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 120
-- expect: [[{"ms7": 187, "diff": 7}]]
-- test
DECLARE @d7 datetime = '2021-11-09 13:52:29.187', @d0 datetime = '2021-11-09 13:52:29.180';
SELECT DATEPART(millisecond, @d7) AS ms7, DATEDIFF(millisecond, @d0, @d7) AS diff;
