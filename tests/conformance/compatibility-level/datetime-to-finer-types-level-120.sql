-- rule: below compatibility level 130 a datetime converts to a finer type from its rounded milliseconds (.187 stays .1870000)
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 120
-- expect: [[{"d7": "2021-11-09 13:52:29.1870000", "d4": "2021-11-09 13:52:29.1870", "e7": "2021-11-09 13:52:29.0030000", "t4": "13:52:29.1870"}]]
-- test
DECLARE @d datetime = '2021-11-09 13:52:29.187', @e datetime = '2021-11-09 13:52:29.003';
SELECT CAST(@d AS datetime2(7)) AS d7, CAST(@d AS datetime2(4)) AS d4, CAST(@e AS datetime2(7)) AS e7, CAST(@d AS time(4)) AS t4;
