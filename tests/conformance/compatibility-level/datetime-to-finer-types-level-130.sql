-- rule: from compatibility level 130 a datetime converts to a finer type from its exact 1/300 s tick (.187 is .18666…), rounded once to the target's digits
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 130
-- expect: [[{"d7": "2021-11-09 13:52:29.1866667", "d6": "2021-11-09 13:52:29.186667", "d5": "2021-11-09 13:52:29.18667", "d4": "2021-11-09 13:52:29.1867", "d3": "2021-11-09 13:52:29.187", "e7": "2021-11-09 13:52:29.0033333", "e4": "2021-11-09 13:52:29.0033", "z7": "2021-11-09 13:52:29.1800000", "t4": "13:52:29.1867", "o6": "2021-11-09 13:52:29.186667+00:00"}]]
-- test
DECLARE @d datetime = '2021-11-09 13:52:29.187', @e datetime = '2021-11-09 13:52:29.003', @z datetime = '2021-11-09 13:52:29.180';
SELECT CAST(@d AS datetime2(7)) AS d7, CAST(@d AS datetime2(6)) AS d6, CAST(@d AS datetime2(5)) AS d5, CAST(@d AS datetime2(4)) AS d4,
       CAST(@d AS datetime2(3)) AS d3, CAST(@e AS datetime2(7)) AS e7, CAST(@e AS datetime2(4)) AS e4, CAST(@z AS datetime2(7)) AS z7,
       CAST(@d AS time(4)) AS t4, CAST(@d AS datetimeoffset(6)) AS o6;
